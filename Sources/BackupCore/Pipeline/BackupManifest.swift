public import Foundation

/// The manifest written beside every backup file (`<name>.json`) and uploaded next to it (design §4):
/// everything needed to restore the file without pgbm's database, and to tell which installation wrote it.
public struct BackupManifest: Sendable, Equatable, Codable {
    /// The manifest format's version.
    public static let currentVersion = 1

    /// Whether the backup was checked after writing, and how.
    public struct Verification: Sendable, Equatable, Codable {
        /// `passed` or `failed`.
        public var result: String
        public var message: String?
        public var at: Date

        public init(result: String, message: String? = nil, at: Date) {
            self.result = result
            self.message = message
            self.at = at
        }
    }

    public var manifestVersion = BackupManifest.currentVersion
    /// The installation that wrote the file; retention in S3 deletes only its own installation's files.
    public var installationId: String
    public var databaseId: Int64
    public var databaseName: String
    public var databaseSlug: String
    /// The file's name, e.g. `app_20261126T020000Z.dump.zst.enc`.
    public var fileName: String
    public var serverVersion: String
    public var pgDumpVersion: String
    /// The major of the `pg_dump` that wrote the archive; restore needs a `pg_restore` at least as new.
    public var pgDumpMajor: Int
    /// `custom`, `plain` or `directory`.
    public var format: String
    /// `zstd`, `gzip` or `none`.
    public var compression: String
    public var startedAt: Date
    public var finishedAt: Date
    /// Size of the stored file in bytes.
    public var sizeBytes: Int64
    /// SHA-256 of the stored file, lowercase hex.
    public var sha256: String
    public var encrypted: Bool
    public var iterations: Int?
    /// The id of the passphrase (encryption settings) the file was encrypted with.
    public var passphraseId: String?
    public var scheduleId: Int64?
    public var runId: Int64
    public var verification: Verification?

    /// Creates a manifest of the current version.
    public init(
        installationId: String, databaseId: Int64, databaseName: String, databaseSlug: String, fileName: String,
        serverVersion: String, pgDumpVersion: String, pgDumpMajor: Int, format: String, compression: String,
        startedAt: Date, finishedAt: Date, sizeBytes: Int64, sha256: String, encrypted: Bool, iterations: Int?,
        passphraseId: String?, scheduleId: Int64?, runId: Int64, verification: Verification?
    ) {
        self.installationId = installationId
        self.databaseId = databaseId
        self.databaseName = databaseName
        self.databaseSlug = databaseSlug
        self.fileName = fileName
        self.serverVersion = serverVersion
        self.pgDumpVersion = pgDumpVersion
        self.pgDumpMajor = pgDumpMajor
        self.format = format
        self.compression = compression
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.encrypted = encrypted
        self.iterations = iterations
        self.passphraseId = passphraseId
        self.scheduleId = scheduleId
        self.runId = runId
        self.verification = verification
    }

    /// The manifest as pretty JSON with snake_case keys and ISO-8601 UTC dates.
    public func encoded() throws -> Data {
        try Self.encoder.encode(self)
    }

    /// Reads a manifest.
    /// - Throws: `DecodingError` when the data is not a pgbm manifest.
    public static func decode(_ data: Data) throws -> BackupManifest {
        try decoder.decode(BackupManifest.self, from: data)
    }

    /// The manifest's name beside a backup file.
    public static func name(forFile fileName: String) -> String { fileName + ".json" }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
