import BackupRepository
import Foundation
import TestSupport
import Testing

/// `pgbm-cli alerts test` against the SMTP sink, configured through `settings set`.
@Suite("pgbm-cli alerts", .enabled(if: TestServices.available("PGBM_TEST_SMTP_PORT", "PGBM_TEST_MAILDIR"), "run Scripts/test"))
struct CLIAlertsTests {
    @Test("alerts test sends a test email through SMTP; an unset channel and an unknown one are errors")
    func testSend() async throws {
        // Given email through the SMTP sink, set from the command line
        let fixture = try CLIStoreFixture()
        let recipient = "cli-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let set = try fixture.run([
            "settings", "set", "notifications.email_transport=smtp", "notifications.email_from=pgbm@example.com",
            "notifications.email_to=[\"\(recipient)\"]", "notifications.smtp_host=127.0.0.1",
            "notifications.smtp_port=\(try TestServices.value("PGBM_TEST_SMTP_PORT"))", "notifications.smtp_start_tls=false",
            #"notifications.email_events=["backup_failed","backup_missed"]"#,
        ])
        #expect(set.status == 0, "\(set.stderrText)")
        #expect(try await fixture.store().settings(NotificationSettings.self).emailEvents == [.backupFailed, .backupMissed])
        // When every configured channel is tested
        let results = try #require(try fixture.object(["alerts", "test"])["items"] as? [[String: Any]])
        // Then only email was, and the sink holds the message
        #expect(results.map { $0["channel"] as? String } == ["email"] && results.first?["ok"] as? Bool == true, "\(results)")
        let maildir = try TestServices.value("PGBM_TEST_MAILDIR")
        let mails = try FileManager.default.contentsOfDirectory(atPath: maildir).filter { $0.hasSuffix(".eml") }
            .map { try String(contentsOfFile: "\(maildir)/\($0)", encoding: .utf8) }
        #expect(mails.filter { $0.contains(recipient) }.count == 1)
        #expect(try await fixture.auditEvents().last?.action == "alert.test")
        // And a channel that is not set exits 2 saying what to set; an unknown channel is bad usage
        let webhook = try fixture.run(["alerts", "test", "--channel", "webhook"])
        #expect(webhook.status == 2 && webhook.stdoutText.contains("notifications.webhook_urls"), "\(webhook.stdoutText)")
        let unknown = try fixture.run(["alerts", "test", "--channel", "sms"])
        #expect(unknown.status == 64 && unknown.stderrText.contains("email, webhook, heartbeat"), "\(unknown.stderrText)")
    }
}
