import AsyncHTTPClient
import BackupCore
import BackupRepository
import Foundation
import Logging
import NIOCore
import PostgresTestSupport
import TestSupport
import Testing

/// A store with a real PostgreSQL 15 server, the SMTP sink, the SES server and a ``HookReceiver``
/// configured as every alert channel; each fixture has its own recipient and URLs, so tests running at
/// once never see each other's messages.
struct NotifyFixture {
    /// Set as a database password and as the SMTP, SES and S3 secrets: it must never come out.
    static let canary = "Canary-Secret-9f3e7b21"
    static var available: Bool {
        PipelineFixture.available && TestServices.available("PGBM_TEST_SMTP_PORT", "PGBM_TEST_MAILDIR", "PGBM_TEST_SES_ENDPOINT")
    }

    let base: PipelineFixture
    let receiver: HookReceiver
    let id = UUID().uuidString.prefix(8).lowercased()
    let logger: Logger
    let logs: RecordingLogHandler

    var store: SQLiteStore { base.store }
    var recipient: String { "ops-\(id)@example.com" }
    var sender: String { "pgbm-\(id)@example.com" }
    var hookURL: String { "\(receiver.base)/hook/\(id)" }
    var heartbeatURL: String { "\(receiver.base)/ping/\(id)" }

    init(receiverStatus: Int = 200) async throws {
        base = try await PipelineFixture(server: TestServer(major: 15), encrypted: false, bucket: nil)
        receiver = try await HookReceiver(status: receiverStatus)
        (logger, logs) = RecordingLogHandler.logger()
        try await store.setSecret(Secret(Self.canary), for: .smtpPassword)
        try await store.setSecret(Secret(Self.canary), for: .sesSecretKey)
        try await store.setSecret(Secret(Self.canary), for: .s3SecretKey)
        var general = try await store.settings(GeneralSettings.self)
        general.publicBaseURL = "https://pgbm.example.com/"
        try await store.saveSettings(general)
        try await configure { _ in }
    }

    /// SMTP to the sink (no TLS), the webhook and the heartbeat at the receiver; then `change`.
    func configure(_ change: (inout NotificationSettings) throws -> Void) async throws {
        var settings = NotificationSettings()
        (settings.emailTransport, settings.emailFrom, settings.emailTo) = (.smtp, sender, [recipient])
        (settings.smtpHost, settings.smtpPort, settings.smtpStartTLS) = ("127.0.0.1", Int(try TestServices.value("PGBM_TEST_SMTP_PORT")) ?? 0, false)
        (settings.webhookURLs, settings.heartbeatURL) = ([hookURL], heartbeatURL)
        try change(&settings)
        try await store.saveSettings(settings)
    }

    /// Email through the SES server instead, from an identity it knows.
    func useSES() async throws {
        let endpoint = try TestServices.value("PGBM_TEST_SES_ENDPOINT")
        let script = """
            import boto3, sys
            boto3.client("sesv2", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="AKIDPGBMTEST",
                         aws_secret_access_key="x").create_email_identity(EmailIdentity=sys.argv[2])
            """
        let made = try ProcessRunner.run("/bin/sh", ["-c", "exec python3 -c \"$0\" \"$@\"", script, endpoint, sender])
        #expect(made.status == 0, "\(made.stderrText)")
        try await configure { settings in
            (settings.emailTransport, settings.sesEndpoint, settings.sesAccessKeyId) = (.ses, endpoint, "AKIDPGBMTEST")
        }
    }

    /// A notifier with quick retries.
    func notifier(attempts: Int = 2) -> Notifier {
        Notifier(
            store: store, httpClient: base.http.client,
            configuration: NotifierConfiguration(attempts: attempts, backoff: .milliseconds(50), timeout: .seconds(10)), logger: logger)
    }

    /// A database whose backups fail: a role that does not exist, with the canary as its password.
    func failingDatabase() async throws -> Int64 {
        let configured = ConfiguredDatabase(
            name: "failing-\(id)", host: try base.server.host, port: try base.server.port, database: "postgres",
            user: "nobody_\(id)", sslMode: .disable)
        return try #require(try await store.createDatabase(configured, password: Secret(Self.canary)).id)
    }

    /// Backs the database up once through the notifying worker, as `pgbm-cli backup run` does.
    func backUp(_ databaseId: Int64, notifier: Notifier) async throws -> BackupRun {
        let worker = NotifyingBackupWorker(try base.pipeline(logger: logger), notifier: notifier)
        return try await ManualBackup(store: store, worker: worker, holder: "test", logger: logger).run(databaseId: databaseId)
    }

    /// The messages the SMTP sink holds for this fixture's recipient: raw text plus the decoded body.
    func mails() throws -> [String] {
        let maildir = try TestServices.value("PGBM_TEST_MAILDIR")
        let names = try FileManager.default.contentsOfDirectory(atPath: maildir).filter { $0.hasSuffix(".eml") }
        return try names.compactMap { name in
            let raw = try String(contentsOfFile: "\(maildir)/\(name)", encoding: .utf8)
            guard raw.contains(recipient) else { return nil }
            let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
            let body = normalized.range(of: "\n\n").map { String(normalized[$0.upperBound...]) } ?? ""
            let decoded = Data(base64Encoded: body, options: .ignoreUnknownCharacters).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return raw + "\n" + decoded
        }
    }

    /// The messages the SES server accepted for this fixture's recipient, as JSON text.
    func sesMessages() async throws -> [String] {
        let endpoint = try TestServices.value("PGBM_TEST_SES_ENDPOINT")
        let response = try await base.http.client.execute(HTTPClientRequest(url: "\(endpoint)/moto-api/data.json"), timeout: .seconds(10))
        let data = Data(String(buffer: try await response.body.collect(upTo: 16 << 20)).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let messages = ((root["ses"] as? [String: Any])?["Message"] as? [[String: Any]]) ?? []
        return try messages.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.withoutEscapingSlashes]), as: UTF8.self) }
            .filter { $0.contains(recipient) }
    }

    /// Waits (against hangs only) until `count` mails for this recipient arrived.
    func waitForMails(_ count: Int) async throws -> [String] {
        let deadline = ContinuousClock.now + .seconds(30)
        while try mails().count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return try mails()
    }

    /// Audit events of `action`.
    func audits(_ action: String) async throws -> [AuditEvent] {
        try await store.events(AuditFilter(action: action), limit: 100, cursor: nil).items
    }

    func shutdown() async {
        await receiver.stop()
        await base.shutdown()
    }
}
