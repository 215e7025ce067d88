public import ArgumentParser
import Foundation
public import Logging

/// Options both executables take, each as a flag or an environment variable (design §5).
///
/// A flag wins over the environment variable, which wins over the default.
public struct SharedOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("data-dir"), help: "Configuration store folder (env PGBM_DATA_DIR, default ./data).")
    var dataDir: String?

    @Option(name: .customLong("backup-dir"), help: "Backup folder (env PGBM_BACKUP_DIR, default ./backups).")
    var backupDir: String?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning, error or critical (env PGBM_LOG_LEVEL, default info).")
    var logLevel: String?

    public init() {}

    /// The folder of the configuration store.
    public var resolvedDataDir: String { dataDir ?? Environment.value("PGBM_DATA_DIR") ?? "./data" }

    /// The backup folder given at start (stored as an absolute path in the settings at first start).
    public var resolvedBackupDir: String { backupDir ?? Environment.value("PGBM_BACKUP_DIR") ?? "./backups" }

    /// The log level, validated.
    public func resolvedLogLevel() throws -> Logger.Level {
        let (raw, source) = logLevel.map { ($0, "--log-level") } ?? Environment.value("PGBM_LOG_LEVEL").map { ($0, "PGBM_LOG_LEVEL") } ?? ("info", "")
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            throw ValidationError(
                "\(source): \"\(raw)\" is not a log level; expected trace, debug, info, notice, warning, error or critical")
        }
        return level
    }

    public mutating func validate() throws {
        _ = try resolvedLogLevel()
    }
}
