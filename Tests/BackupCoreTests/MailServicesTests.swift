import Foundation
import TestSupport
import Testing

/// The SMTP sink and the SES server the notifiers are tested against are up.
@Suite("Mail test servers", .enabled(if: TestServices.available("PGBM_TEST_SMTP_PORT", "PGBM_TEST_MAILDIR", "PGBM_TEST_SES_ENDPOINT"), "run Scripts/test"))
struct MailServicesTests {
    @Test("a message sent to the SMTP sink lands in the maildir")
    func smtpSinkRecords() throws {
        let port = try TestServices.value("PGBM_TEST_SMTP_PORT")
        let maildir = try TestServices.value("PGBM_TEST_MAILDIR")
        let subject = "pgbm harness \(UUID().uuidString)"
        let script = """
            import smtplib, sys
            from email.message import EmailMessage
            m = EmailMessage(); m["From"] = "pgbm@example.com"; m["To"] = "ops@example.com"; m["Subject"] = sys.argv[2]
            m.set_content("hello")
            with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=10) as s: s.send_message(m)
            """
        let sent = try ProcessRunner.run("/bin/sh", ["-c", "exec python3 -c \"$0\" \"$@\"", script, port, subject])
        #expect(sent.status == 0, "\(sent.stderrText)")
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir).filter { $0.hasSuffix(".eml") }
        let bodies = try files.map { try String(contentsOfFile: "\(maildir)/\($0)", encoding: .utf8) }
        #expect(bodies.contains { $0.contains(subject) })
    }

    @Test("the SES server answers")
    func sesAnswers() async throws {
        let endpoint = try TestServices.value("PGBM_TEST_SES_ENDPOINT")
        let result = try ProcessRunner.run("/bin/sh", ["-c", "exec python3 -c \"import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1] + '/moto-api/data.json').status)\" \(endpoint)"])
        #expect(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "200", "\(result.stderrText)")
    }
}
