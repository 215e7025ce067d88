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
    func withManager<Value: Sendable>(
        scratchDirectory: String? = nil, label: String = "pgbm.cli", _ body: (BackupManager) async throws -> Value
    ) async throws -> Value {
        try await withBackupManager(managerConfiguration(scratchDirectory: scratchDirectory), logger: Logger(label: label), body)
    }
}
