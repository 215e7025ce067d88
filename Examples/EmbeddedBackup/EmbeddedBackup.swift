import BackupCore
import BackupRepository
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// A Swift service that backs up its own PostgreSQL database with pgbm: every night at 02:30 UTC,
/// zstd-compressed and encrypted. `EXAMPLE_RUN_ONCE=1` backs up once at start and stops (the test command).
@main
struct EmbeddedBackup {
    static func main() async throws {
        let env = ProcessInfo.processInfo.environment
        let logger = Logger(label: "example.backup")
        var configuration = BackupManager.Configuration(
            dataDirectory: env["EXAMPLE_DATA_DIR"] ?? "./pgbm-data", backupDirectory: env["EXAMPLE_BACKUP_DIR"] ?? "./pgbm-backups",
            role: .embedded)
        configuration.shutdownGrace = .seconds(30)
        let manager = try await BackupManager.open(configuration, logger: logger)
        let store = manager.store

        // The database to protect, its password sealed in the store, and a passphrase for the files.
        var database = try await store.databases(includingDeleted: false).first { $0.name == "app" }
        if database == nil {
            database = try await store.createDatabase(
                ConfiguredDatabase(
                    name: "app", host: env["PGHOST"] ?? "127.0.0.1", port: Int(env["PGPORT"] ?? "") ?? 5432,
                    database: env["PGDATABASE"] ?? "app", user: env["PGUSER"] ?? "postgres", sslMode: .prefer),
                password: env["PGPASSWORD"].map(Secret.init))
        }
        let id = database?.id ?? 0
        if try await store.settings(EncryptionSettings.self).activePassphraseId == nil {
            try await EncryptionPassphrases.add(Secret(env["EXAMPLE_PASSPHRASE"] ?? "change me: a long passphrase"), in: store)
        }
        if try await store.schedules(databaseId: id).isEmpty {
            _ = try await store.createSchedule(Schedule(databaseId: id, cron: "30 2 * * *", timeZone: "UTC"))
        }

        let group = ServiceGroup(services: [manager], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        if env["EXAMPLE_RUN_ONCE"] == "1" {
            manager.addObserver(StopAfterFirstBackup(group: group, logger: logger))
            _ = try await manager.scheduler.runNow(databaseId: id)
        }
        try await group.run()
    }
}

/// Stops the service once the first backup ended, and says how it went.
struct StopAfterFirstBackup: BackupObserver {
    let group: ServiceGroup
    let logger: Logger

    func schedulerEvent(_ event: SchedulerEvent) {
        guard case .finished(_, let outcome, _) = event else { return }
        print("backup \(outcome.state.rawValue)\(outcome.error.map { ": \($0)" } ?? "")")
        Task { await group.triggerGracefulShutdown() }
    }
}
