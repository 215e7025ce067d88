import BackupCore
import BackupRepository
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// Backups that fail or succeed reach every channel once, with no secret in any message or log.
@Suite("Alerts delivery", .enabled(if: NotifyFixture.available, "run Scripts/test"), .timeLimit(.minutes(2)))
struct NotifyDeliveryTests {
    @Test("a failing backup sends one email, one webhook POST and a /fail heartbeat, none with a secret", arguments: ["smtp", "ses"])
    func failingBackupAlertsEveryChannel(transport: String) async throws {
        // Given every channel configured, email through `transport`, and a database whose password is the canary
        let fixture = try await NotifyFixture()
        if transport == "ses" { try await fixture.useSES() }
        let notifier = fixture.notifier()
        let databaseId = try await fixture.failingDatabase()
        // When its backup fails
        let run = try await fixture.backUp(databaseId, notifier: notifier)
        await notifier.drain()
        // Then the run failed, and each channel got exactly one message naming the database, the error and the link
        #expect(run.state == .failed)
        let emails = transport == "smtp" ? try await fixture.waitForMails(1) : try await fixture.sesMessages()
        #expect(emails.count == 1)
        let hooks = fixture.receiver.requests.filter { $0.path.hasPrefix("/hook/") }
        #expect(hooks.count == 1)
        let payload = try #require(hooks.first?.json)
        #expect(payload["event"] as? String == "backup_failed")
        #expect((payload["text"] as? String)?.contains("failing-\(fixture.id)") == true)
        #expect(payload["url"] as? String == "https://pgbm.example.com/backups/\(run.id ?? 0)")
        #expect((payload["error"] as? String)?.contains("rejected the password") == true, "\(payload)")
        let email = try #require(emails.first)
        #expect(email.contains("failing-\(fixture.id)") && email.contains("/backups/\(run.id ?? 0)") && email.contains("rejected the password"))
        #expect(fixture.receiver.requests.map(\.path).contains("/ping/\(fixture.id)/fail"))
        // And the canary is nowhere: not in the messages, the logs or the audit log
        let audit = try await fixture.store.events(AuditFilter(), limit: 200, cursor: nil).items.map(\.details)
        for text in emails + hooks.map(\.body) + fixture.logs.messages + audit {
            #expect(!text.contains(NotifyFixture.canary))
        }
        #expect(try await fixture.audits("alert.sent").count == 3)
        await fixture.shutdown()
    }

    @Test("an unreachable SMTP server does not fail the backup; the failed delivery is audited and logged")
    func unreachableSMTPDoesNotFailBackup() async throws {
        // Given email to a closed port, success alerts on, and a database that backs up fine
        let fixture = try await NotifyFixture()
        let closedPort = try FreePort.next()
        try await fixture.configure { settings in (settings.smtpPort, settings.onSuccess) = (closedPort, true) }
        let notifier = fixture.notifier(attempts: 2)
        try await fixture.base.server.withDatabase(rows: 10) { name in
            let databaseId = try await fixture.base.addDatabase(name)
            // When it is backed up
            let run = try await fixture.backUp(databaseId, notifier: notifier)
            await notifier.drain()
            // Then the backup succeeded and the email delivery is audited as failed after both attempts
            #expect(run.state == .succeeded)
            let failed = try await fixture.audits("alert.failed")
            #expect(failed.count == 1)
            let details = try #require(failed.first?.details)
            #expect(details.contains(#""channel":"email""#) && details.contains(#""attempts":2"#) && details.contains("cannot be reached"))
            #expect(failed.first?.targetId == "\(databaseId)")
            #expect(fixture.logs.messages.contains { $0.hasPrefix("alert delivery failed") && $0.contains("alert.channel=email") })
            // And the webhook still got its success message
            #expect(fixture.receiver.requests.contains { $0.json["event"] as? String == "backup_succeeded" })
        }
        await fixture.shutdown()
    }

    @Test("the heartbeat URL is pinged on success and <url>/fail on failure")
    func heartbeatPings() async throws {
        // Given a heartbeat URL only
        let fixture = try await NotifyFixture()
        try await fixture.configure { settings in (settings.emailTransport, settings.webhookURLs) = (.none, []) }
        let notifier = fixture.notifier()
        try await fixture.base.server.withDatabase(rows: 10) { name in
            // When one database backs up and another fails
            let good = try await fixture.backUp(try await fixture.base.addDatabase(name), notifier: notifier)
            let bad = try await fixture.backUp(try await fixture.failingDatabase(), notifier: notifier)
            await notifier.drain()
            // Then the heartbeat got one GET of the URL and one of <url>/fail
            #expect(good.state == .succeeded && bad.state == .failed)
            let pings = fixture.receiver.requests.map { "\($0.method) \($0.path)" }.sorted()
            #expect(pings == ["GET /ping/\(fixture.id)", "GET /ping/\(fixture.id)/fail"])
        }
        await fixture.shutdown()
    }

    @Test("a missed backup and a failed restore alert with their links; a cancelled backup alerts nobody")
    func missedRestoreAndCancelled() async throws {
        // Given webhooks only
        let fixture = try await NotifyFixture()
        try await fixture.configure { settings in (settings.emailTransport, settings.heartbeatURL) = (.none, nil) }
        let notifier = fixture.notifier()
        let databaseId = try await fixture.failingDatabase()
        // When the scheduler reports the database overdue, a restore fails and a backup is cancelled
        let expectedBy = Date(timeIntervalSince1970: 1_800_000_000)
        notifier.handle(.overdue(databaseId: databaseId, expectedBy: expectedBy, lastSuccessAt: nil))
        notifier.handle(.invalidSchedule(scheduleId: 1, reason: "ignored"))
        notifier.restoreFinished(jobId: 7, target: "app on db2:5432", succeeded: false, error: "pg_restore: \(NotifyFixture.canary) failed")
        let job = BackupJob(runId: 99, databaseId: databaseId, scheduleId: nil, trigger: .manual, dueAt: nil)
        notifier.post(.backupFinished(job, .cancelled, at: Date()))
        await notifier.drain()
        // Then the webhook got the missed and the restore alerts only, the canary redacted
        let payloads = fixture.receiver.requests.map(\.json).sorted { ($0["event"] as? String ?? "") < ($1["event"] as? String ?? "") }
        #expect(payloads.map { $0["event"] as? String } == ["backup_missed", "restore_failed"])
        #expect(payloads.first?["url"] as? String == "https://pgbm.example.com/databases/\(databaseId)")
        #expect(payloads.first?["expected_by"] as? String == "2027-01-15T08:00:00Z")
        #expect(payloads.last?["url"] as? String == "https://pgbm.example.com/restores/7")
        #expect(payloads.last?["error"] as? String == "pg_restore: <redacted> failed")
        #expect((payloads.last?["restore"] as? [String: Any])?["target"] as? String == "app on db2:5432")
        await fixture.shutdown()
    }
}
