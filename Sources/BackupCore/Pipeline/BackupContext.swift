import BackupDump
import BackupRepository
import BackupStorage
import Foundation

/// Everything one backup needs, read from the store and checked before pg_dump starts.
struct BackupContext: Sendable {
    let job: BackupJob
    let database: ConfiguredDatabase
    let connection: ConnectionSettings
    let general: GeneralSettings
    let settings: BackupSettings
    let compression: Compression
    let encryption: EncryptionChoice?
    let name: ArtifactName
    /// `<backup dir>/<slug>/<file>`.
    let path: String
    let startedAt: Date

    /// The passphrase new backups are encrypted with, by id.
    struct EncryptionChoice: Sendable {
        let passphraseId: String
        let passphrase: String
        let iterations: Int
    }

    var format: DumpOptions.Format {
        switch settings.format {
        case "plain": .plain
        case "directory": .tar
        default: .custom
        }
    }

    /// The dump options of this backup: pg_dump writes uncompressed unless it compresses itself.
    var dumpOptions: DumpOptions {
        var options = DumpOptions()
        options.format = format
        options.compression = compression.method == .pgDumpGzip ? .gzip(level: 6) : .none
        options.lockWaitTimeout = .seconds(general.lockWaitTimeoutSeconds)
        options.limits.maxRunTime = .seconds(general.maxRunSeconds)
        return options
    }
}

extension BackupContext {
    /// Reads the database, its password, the settings and the passphrase.
    /// - Throws: ``BackupError`` `backup.configuration` naming what is missing.
    static func load(_ job: BackupJob, store: any PipelineStore, now: Date) async throws(BackupError) -> BackupContext {
        do {
            guard let database = try await store.database(id: job.databaseId), database.deletedAt == nil else {
                throw BackupError(.backupConfiguration, "database \(job.databaseId) does not exist or was removed")
            }
            let general = try await store.settings(GeneralSettings.self)
            let settings = try await store.settings(BackupSettings.self)
            guard !general.backupDirectory.isEmpty else {
                throw BackupError(.backupConfiguration, "the backup folder is not set: start pgbm-server or pgbm-cli once to fix it")
            }
            let compression = Compression(
                method: Compression.Method(rawValue: settings.compression) ?? .zstd,
                level: settings.compressionLevel, workers: settings.compressionWorkers == 0 ? nil : settings.compressionWorkers)
            let encryption = try await encryptionChoice(store)
            var name = ArtifactName(
                slug: database.slug, startedAt: now, format: settings.format, compressed: compression.compressesInPgbm,
                encrypted: encryption != nil)
            // Two backups in one second would share a name: the later one takes the next free second.
            while FileManager.default.fileExists(atPath: general.backupDirectory + "/" + name.relativePath)
                || FileManager.default.fileExists(atPath: general.backupDirectory + "/" + name.relativePath + ".partial") {
                name = ArtifactName(
                    slug: name.slug, startedAt: name.startedAt.addingTimeInterval(1), format: name.format,
                    compressed: name.compressed, encrypted: name.encrypted)
            }
            return await BackupContext(
                job: job, database: database, connection: try DatabaseConnection.settings(for: database, store: store), general: general,
                settings: settings, compression: compression, encryption: encryption, name: name,
                path: general.backupDirectory + "/" + name.relativePath, startedAt: now)
        } catch let failure as BackupError where failure.code.family == .backup {
            throw failure
        } catch {
            throw BackupError(.backupConfiguration, "cannot read the configuration: \(error)")
        }
    }

    static func encryptionChoice(_ store: any PipelineStore) async throws -> EncryptionChoice? {
        let encryption = try await store.settings(EncryptionSettings.self)
        guard encryption.enabled, let id = encryption.activePassphraseId else { return nil }
        guard let secret = try await store.secret(.passphrase(id)) else {
            throw BackupError(.backupConfiguration, "encryption is on but passphrase \(id) is not stored; set it again")
        }
        return EncryptionChoice(passphraseId: id, passphrase: secret.revealed, iterations: encryption.iterations)
    }
}
