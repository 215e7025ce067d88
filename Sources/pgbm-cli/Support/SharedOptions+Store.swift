import BackupCore
import BackupRepository
import Logging
import PgbmOptions

extension SharedOptions {
    /// The builder's configuration for a command of this process.
    /// - Parameter scratchDirectory: the restore scratch folder, when the command names one.
    func managerConfiguration(scratchDirectory: String? = nil) -> BackupManager.Configuration {
        var configuration = BackupManager.Configuration(
            dataDirectory: resolvedDataDir, backupDirectory: resolvedBackupDir, role: .cli)
        configuration.scratchDirectory = scratchDirectory
        return configuration
    }

    /// Opens the configuration store in the data folder these options name (commands that only read or
    /// edit the store).
    func openStore() throws -> any ConfigurationStore {
        try BackupManager.openStore(managerConfiguration(), logger: Logger(label: "pgbm.cli"))
    }

    /// Runs `body` with pgbm's workers over the data folder these options name (commands that back up,
    /// restore or send alerts), shut down afterwards.
    ///
    /// - Parameter writesBackups: `true` for a command that backs up or reads the backup folder: on a new
    ///   store it fixes the installation's backup folder (`--backup-dir`); a configuration command leaves
    ///   that to the first one that does.
    func withManager<Value: Sendable>(
        scratchDirectory: String? = nil, label: String = "pgbm.cli", writesBackups: Bool = false,
        _ body: (BackupManager) async throws -> Value
    ) async throws -> Value {
        var configuration = managerConfiguration(scratchDirectory: scratchDirectory)
        configuration.fixesInstallation = writesBackups
        return try await withBackupManager(configuration, logger: Logger(label: label), body)
    }
}
