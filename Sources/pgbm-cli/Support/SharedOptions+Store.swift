import BackupRepository
import Logging
import PgbmOptions

extension SharedOptions {
    /// Opens the configuration store in the data folder these options name.
    func openStore() throws -> SQLiteStore {
        try SQLiteStore.open(dataDirectory: resolvedDataDir, logger: Logger(label: "pgbm.cli"))
    }
}
