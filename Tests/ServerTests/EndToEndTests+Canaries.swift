import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// The end-to-end session's secrets as canaries (issue 18): the database password, the S3 secret key, the
/// SMTP password, a token in a webhook URL, the admin's API token and the backup passphrase, each looked
/// for in every answer (status, headers, body), the server's log, every file under the data, backup and
/// temporary folders, and the command lines and environments of the `pg_dump` and `pg_restore` it ran.
extension EndToEndTests {
    /// Makes the server run ``CanarySearch``'s wrappers instead of `pg_dump` and `pg_restore`.
    static func useWrappers(_ api: Session, _ search: CanarySearch) async throws {
        let reply = try await api.send(
            .PUT, "/api/config/settings",
            json: #"{"backup": {"pg_dump_path": "\#(search.folder)/pg_dump", "pg_restore_path": "\#(search.folder)/pg_restore"}}"#)
        #expect(reply.status == 200, "\(reply.text)")
    }

    /// Email through the SMTP sink with the SMTP canary as password, a webhook whose URL holds the webhook
    /// canary; both sent a test message (whatever comes of it: the sink offers no AUTH, nothing listens on
    /// port 1, so the failure paths are searched too).
    static func configureAlerts(_ api: Session) async throws {
        let port = try TestServices.value("PGBM_TEST_SMTP_PORT")
        let reply = try await api.send(
            .PUT, "/api/config/settings",
            json: #"{"notifications": {"email_transport": "smtp", "smtp_host": "127.0.0.1", "smtp_port": \#(port), "smtp_user": "pgbm", "#
                + #""smtp_password": "\#(smtpCanary)", "smtp_start_tls": false, "email_from": "pgbm@example.com", "email_to": ["ops@example.com"], "#
                + #""webhook_urls": ["http://127.0.0.1:1/hooks/\#(webhookCanary)"]}}"#)
        #expect(reply.status == 200, "\(reply.text)")
        for channel in ["email", "webhook"] {
            let sent = try await api.send(.POST, "/api/config/settings/email/test", json: #"{"channel": "\#(channel)"}"#)
            #expect(sent.status == 200 && sent.json["ok"] != nil, "\(sent.text)")
        }
    }

    /// Expects no canary anywhere once the server has stopped; `databases` are the ones its client programs
    /// must have connected to (the backup's source, the restore's new database).
    static func expectNoCanary(
        _ api: Session, process: ServerProcess, search: CanarySearch, passphrase: String, databases: [String]
    ) throws {
        let canaries = [
            ("database password", canary), ("SMTP password", smtpCanary), ("webhook URL token", webhookCanary),
            ("S3 secret key", try TestServices.value("PGBM_TEST_S3_SECRET_KEY")), ("API token", try #require(api.caller.token)),
            ("passphrase", passphrase),
        ]
        // The searched children ran: pg_dump for the backup, pg_restore for its check and the restore, with
        // the database password in a passfile
        let programs = Set(search.programsStarted.map { ($0 as NSString).lastPathComponent })
        #expect(programs.isSuperset(of: ["pg_dump", "pg_restore"]), "\(search.childRecord)")
        for database in databases {
            #expect(search.childRecord.contains("PGDATABASE=\(database)\0"), "no client program connected to \(database)")
        }
        #expect(search.childRecord.contains("PGPASSFILE="))
        let folders = [process.directory.path("data"), process.directory.path("backups"), process.directory.path("tmp")]
        #expect(try FileManager.default.contentsOfDirectory(atPath: process.directory.path("tmp")).isEmpty, "left in TMPDIR")
        for (name, value) in canaries {
            #expect(!api.transcript.contains(value), "the \(name) is in an answer")
            #expect(!process.log.contains(value), "the \(name) is in the server's log")
            #expect(!search.childRecord.contains(value), "the \(name) is in a child's command line or environment")
            let files = CanarySearch.files(under: folders, containing: value)
            #expect(files.isEmpty, "the \(name) is in \(files)")
        }
    }
}
