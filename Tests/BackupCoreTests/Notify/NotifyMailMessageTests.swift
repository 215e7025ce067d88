@testable import BackupCore
import Foundation
import Testing

/// The SMTP message: no header injection through names, non-ASCII subjects encoded, CRLF body in base64.
@Suite("Alerts mail message")
struct NotifyMailMessageTests {
    @Test("a line break in a database name cannot add a header; a non-ASCII subject is an encoded word")
    func headersAreSafe() throws {
        let message = MailMessage(from: "pgbm@example.com", to: ["ops@example.com"], subject: "Backup failed: app\r\nBcc: evil@example.com", text: "a\nb")
        let text = String(decoding: message.rendered, as: UTF8.self)
        let headers = try #require(text.components(separatedBy: "\r\n\r\n").first).components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
        #expect(headers.contains("Subject: Backup failed: app  Bcc: evil@example.com"))
        let body = try #require(text.components(separatedBy: "\r\n\r\n").last)
        #expect(Data(base64Encoded: body, options: .ignoreUnknownCharacters) == Data("a\r\nb".utf8))
        let accented = MailMessage(from: "pgbm@example.com", to: ["ops@example.com"], subject: "Sauvegarde échouée", text: "")
        #expect(String(decoding: accented.rendered, as: UTF8.self).contains("Subject: =?UTF-8?B?\(Data("Sauvegarde échouée".utf8).base64EncodedString())?="))
    }
}
