import Foundation

/// A plain-text email as RFC 5322 bytes for SMTP: UTF-8 body with CRLF line ends in base64 (so no line is
/// too long and no line starts with a dot), a subject made an RFC 2047 encoded word when it is not ASCII, and CR/LF
/// removed from every header value (no header injection through a database name).
struct MailMessage: Sendable {
    let from: String
    let to: [String]
    let subject: String
    let text: String
    let date: Date
    let messageId: String

    init(from: String, to: [String], subject: String, text: String, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.date = date
        let domain = from.split(separator: "@").last.map(String.init) ?? "pgbm.invalid"
        messageId = "<\(UUID().uuidString.lowercased())@\(Self.headerValue(domain))>"
    }

    /// The whole message, CRLF line ends.
    var rendered: [UInt8] {
        let headers = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(Self.headerValue(from))",
            "To: \(to.map(Self.headerValue).joined(separator: ", "))",
            "Subject: \(Self.encodedWord(Self.headerValue(subject)))",
            "Message-ID: \(messageId)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "X-Mailer: pgbm",
        ]
        let canonical = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let body = Self.wrapped(Data(canonical.utf8).base64EncodedString(), width: 76)
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A header value on one line.
    static func headerValue(_ value: String) -> String {
        value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// ASCII text as is, anything else as `=?UTF-8?B?…?=`.
    static func encodedWord(_ value: String) -> String {
        value.allSatisfy(\.isASCII) ? value : "=?UTF-8?B?\(Data(value.utf8).base64EncodedString())?="
    }

    /// `Thu, 26 Nov 2026 02:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return lines
    }
}
