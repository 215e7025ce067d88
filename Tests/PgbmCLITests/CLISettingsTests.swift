import BackupRepository
import Foundation
import TestSupport
import Testing

@Suite("pgbm-cli settings")
struct CLISettingsTests {
    @Test("set retention.daily=14, then show it; the store and the audit log have the change")
    func setAndShow() async throws {
        // Given a fresh store
        let fixture = try CLIStoreFixture()
        // When retention.daily is set
        let set = try fixture.run(["settings", "set", "retention.daily=14"])
        #expect(set.status == 0, "\(set.stderrText)")
        #expect(set.stdoutText == "retention.daily = 14 (was 7)\n")
        // Then show prints it, the store holds it and the audit log says what changed
        let show = try fixture.run(["settings", "show", "retention"])
        #expect(show.stdoutText.split(separator: "\n").contains("retention.daily = 14"), "\(show.stdoutText)")
        #expect(
            try fixture.object(["settings", "show", "retention"])["retention"] as? [String: Int] == [
                "keep_last": 7, "daily": 14, "weekly": 4, "monthly": 12, "yearly": 0,
            ])
        #expect(try await fixture.store().settings(RetentionSettings.self).daily == 14)
        let event = try #require(try await fixture.auditEvents().last)
        #expect(event.action == "settings.update" && event.targetType == "settings" && event.targetId == "retention")
        #expect(event.details == #"{"changed":{"daily":{"from":7,"to":14}}}"#)
    }

    @Test("keys with acronyms, lists, booleans and null values round-trip")
    func acronymsAndTypes() async throws {
        let fixture = try CLIStoreFixture()
        let result = try fixture.run([
            "settings", "set", "notifications.smtp_start_tls=false",
            #"notifications.webhook_urls=["https://hooks.example.com/a"]"#,
            "notifications.heartbeat_url=https://beat.example.com", "general.public_base_url=https://pgbm.example.com",
            "s3.part_size_mib=32", "s3.bucket=123",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        let store = try fixture.store()
        let notifications = try await store.settings(NotificationSettings.self)
        #expect(!notifications.smtpStartTLS && notifications.webhookURLs == ["https://hooks.example.com/a"])
        #expect(notifications.heartbeatURL == "https://beat.example.com")
        #expect(try await store.settings(GeneralSettings.self).publicBaseURL == "https://pgbm.example.com")
        #expect(try await store.settings(S3Settings.self).partSizeMiB == 32)
        #expect(try await store.settings(S3Settings.self).bucket == "123")
        #expect(try fixture.run(["settings", "set", "general.public_base_url=null"]).status == 0)
        #expect(try await fixture.store().settings(GeneralSettings.self).publicBaseURL == nil)
    }

    @Test("a number typed for a text key is stored as text and shown quoted", arguments: ["123", #""123""#])
    func numericText(value: String) async throws {
        let fixture = try CLIStoreFixture()
        #expect(try fixture.run(["settings", "set", "s3.bucket=\(value)"]).status == 0)
        #expect(try await fixture.store().settings(S3Settings.self).bucket == "123")
        #expect(try fixture.run(["settings", "show", "s3"]).stdoutText.contains(#"s3.bucket = "123""#))
    }

    @Test("show lists every group and every key, unset ones as null")
    func showAll() throws {
        let fixture = try CLIStoreFixture()
        let all = try fixture.object(["settings", "show"])
        #expect(Set(all.keys) == ["general", "encryption", "s3", "notifications", "retention", "backup"])
        let general = try #require(all["general"] as? [String: Any])
        #expect(general["public_base_url"] == nil, "unset: absent, as the API shows it")
        let keys = { (group: String) in Set((all[group] as? [String: Any] ?? [:]).keys) }
        #expect(keys("notifications").isSuperset(of: ["smtp_start_tls", "heartbeat_url_set", "webhook_urls_set", "smtp_password_set"]))
        #expect(keys("s3").contains("part_size_mib"))
        let text = try fixture.run(["settings", "show"]).stdoutText
        #expect(
            text.contains("general.public_base_url = null") && text.contains("encryption.active_passphrase_id = null"))
    }

    @Test(
        "bad keys, groups, types and values exit 64 naming the field, and nothing is stored",
        arguments: [
            (
                ["retention.dayly=3"],
                "retention.dayly: unknown setting; known: daily, keep_last, monthly, weekly, yearly"
            ),
            (
                ["backups.daily=3"],
                "backups: unknown settings section; known: general, backup, s3, encryption, notifications, retention"
            ),
            (["retention.daily"], "expected group.key=value"),
            (["general.concurrency=many"], #"general.concurrency: "many" is not valid here: must be a whole number"#),
            (["general.concurrency=0"], "general.concurrency: must be between 1 and 64"),
            (["general.installation_id=x"], "general.installation_id: is read-only"),
            (["retention.daily=14", "s3.enabled=true"], "s3.bucket: must not be empty"),
        ])
    func invalid(arguments: [String], message: String) async throws {
        let fixture = try CLIStoreFixture()
        let result = try fixture.run(["settings", "set"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        #expect(try await fixture.store().settings(RetentionSettings.self) == .defaults)
        #expect(try await fixture.auditEvents().isEmpty)
    }
}

@Suite("pgbm-cli settings: the API's rules")
struct CLISettingsRulesTests {
    @Test("S3 cannot be enabled without a stored secret key, as through the API; set-secret first works")
    func s3NeedsTheSecret() async throws {
        let fixture = try CLIStoreFixture()
        let enable = ["settings", "set", "s3.enabled=true", "s3.bucket=b", "s3.endpoint=http://127.0.0.1:9", "s3.access_key_id=AKIA"]
        let refused = try fixture.run(enable)
        #expect(refused.status == 64)
        #expect(refused.stderrText.contains("s3.secret_key: is required while S3 is enabled"), "\(refused.stderrText)")
        #expect(try await fixture.store().settings(S3Settings.self).enabled == false)
        #expect(try fixture.run(["settings", "set-secret", "s3.secret_key"], environment: ["PGBM_SECRET": "canary-s3-secret"]).status == 0)
        #expect(try fixture.run(enable).status == 0)
        let shown = try fixture.object(["settings", "show", "s3"])["s3"] as? [String: Any]
        #expect(shown?["secret_key_set"] as? Bool == true && shown?["enabled"] as? Bool == true)
        let events = try await fixture.auditEvents().filter { $0.action == "settings.update" }
        #expect(events.first?.details == #"{"secret_key":"set"}"#, "the secret is audited as set, never its value")
        #expect(events.allSatisfy { !$0.details.contains("canary-s3-secret") })
    }
}

@Suite("pgbm-cli: configuration commands leave the installation to the first backup")
struct CLIInstallationTests {
    @Test("db add, schedule add and settings set do not fix the backup folder; the first backup run does")
    func configurationCommandsDoNotFixTheBackupFolder() async throws {
        // Given a new store configured only through configuration commands (no --backup-dir)
        let fixture = try CLIStoreFixture()
        try fixture.addDatabase("app")
        #expect(try fixture.run(["schedule", "add", "--database", "app", "--cron", "@daily"]).status == 0)
        #expect(try fixture.run(["settings", "set", "retention.daily=14"]).status == 0)
        // Then the backup folder is still open: a later `--backup-dir` (or the server's) decides it
        let general = try await fixture.store().settings(GeneralSettings.self)
        #expect(general.backupDirectory.isEmpty, "fixed by a configuration command: \(general.backupDirectory)")
        // When a command that writes backups runs with --backup-dir, that folder is the installation's
        let chosen = fixture.directory.path("chosen-backups")
        _ = try fixture.run(["backup", "run", "app", "--backup-dir", chosen])
        #expect(try await fixture.store().settings(GeneralSettings.self).backupDirectory == chosen)
    }
}
