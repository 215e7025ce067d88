import BackupCore
import BackupRepository
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

/// An embedder's own alert channel, through the public API only (no `@testable`): an ``AlertTransport``
/// registered in `NotifierConfiguration.transports` gets the alert of a failed backup, retried and
/// audited like pgbm's own channels.
@Suite("Custom alert transports", .timeLimit(.minutes(1)))
struct CustomAlertTransportTests {
    let dir: TemporaryDirectory
    let logger = Logger(label: "pgbm.test.transport") { _ in SwiftLogNoOpLogHandler() }

    init() throws {
        dir = try TemporaryDirectory()
    }

    @Test("a transport registered in the configuration gets the alert of a failed backup, audited as alert.sent")
    func failedBackupReachesTheTransport() async throws {
        // Given a manager with a recording transport on the webhook channel, and a database nobody listens for
        let pager = RecordingTransport()
        let manager = try await open(transports: [pager])
        let id = try await unreachableDatabase(manager)
        // When a backup of it fails
        let run = try await manager.backUpNow(databaseId: id)
        await manager.notifier.drain()
        // Then the transport got one backup_failed alert naming the database, the run and the reason
        #expect(run.state == .failed)
        let alerts = pager.alerts
        #expect(alerts.count == 1, "\(alerts)")
        let alert = try #require(alerts.first)
        #expect(alert.kind == .backupFailed && alert.event == .backupFailed && alert.isFailure && alert.severity == "error")
        #expect(alert.databaseId == id && alert.runId == run.id && alert.subject == "app")
        #expect(alert.error == run.error && alert.error?.isEmpty == false, "\(alert.error ?? "")")
        #expect(alert.title == "Backup failed: app" && alert.body.contains("Run: \(run.id ?? 0)"))
        // And the delivery is audited under the transport's destination
        let audit = try await manager.store.events(AuditFilter(action: "alert.sent"), limit: 10, cursor: nil).items
        #expect(audit.count == 1 && audit.first?.details.contains(#""destination":"pager:ops""#) == true, "\(audit)")
        await manager.shutdown()
    }

    @Test("a transport that fails is retried up to the configured attempts, then audited as alert.failed")
    func failingTransportIsRetried() async throws {
        let pager = RecordingTransport(failWith: BackupError(.alertRefused, "the pager said no"))
        let manager = try await open(transports: [pager])
        let id = try await unreachableDatabase(manager)

        _ = try await manager.backUpNow(databaseId: id)
        await manager.notifier.drain()

        #expect(pager.alerts.count == 3)
        let audit = try await manager.store.events(AuditFilter(action: "alert.failed"), limit: 10, cursor: nil).items
        #expect(audit.count == 1 && audit.first?.details.contains("the pager said no") == true, "\(audit)")
        await manager.shutdown()
    }

    @Test("a transport on the heartbeat channel follows the heartbeat: no alert for a test of the email channel")
    func transportFollowsItsChannel() async throws {
        let heartbeat = RecordingTransport(channel: .heartbeat)
        let manager = try await open(transports: [heartbeat])

        let email = await manager.notifier.sendTest(channel: .email)
        let beat = await manager.notifier.sendTest(channel: .heartbeat)

        #expect(email.status == .notConfigured)
        #expect(beat.status == .sent && beat.message == "sent to pager:ops", "\(beat)")
        #expect(heartbeat.alerts.map(\.kind) == [.test])
        await manager.shutdown()
    }

    private func open(transports: [any AlertTransport]) async throws -> BackupManager {
        var configuration = BackupManager.Configuration(
            dataDirectory: dir.path("data"), backupDirectory: dir.path("backups"), environment: [:], role: .embedded)
        configuration.notifier = NotifierConfiguration(attempts: 3, backoff: .milliseconds(20), transports: transports)
        return try await BackupManager.open(configuration, logger: logger)
    }

    /// A database on a port nothing listens on: its backups fail at the connection test.
    private func unreachableDatabase(_ manager: BackupManager) async throws -> Int64 {
        try await manager.databases.create(
            ConfiguredDatabase(name: "app", host: "127.0.0.1", port: try FreePort.next(), database: "app", user: "backup", sslMode: .disable),
            password: nil, by: Caller(kind: .system, name: "test")
        ).id
    }
}

/// Records every alert it is handed; fails each delivery with `failWith` when set.
final class RecordingTransport: AlertTransport {
    let channel: AlertChannel
    let failWith: BackupError?
    private let received = Mutex<[Alert]>([])

    init(channel: AlertChannel = .webhook, failWith: BackupError? = nil) {
        self.channel = channel
        self.failWith = failWith
    }

    var destination: String { "pager:ops" }
    var alerts: [Alert] { received.withLock { $0 } }

    func deliver(_ alert: Alert) async throws(BackupError) {
        received.withLock { $0.append(alert) }
        if let failWith { throw failWith }
    }
}
