/// The one error of BackupCore: a backup, a restore, an alert delivery or a compression failed, with a
/// message an operator can act on.
///
/// ``code`` is stable: its ``Code/rawValue`` (`backup.dump`, `restore.passphrase`, `alert.refused`,
/// `compression.truncated`) never changes meaning, and `Docs/ERRORS.md` lists every code with how the API
/// and `pgbm-cli` report it. ``message`` says it in words and never contains a secret; ``field`` names the
/// setting at fault (`compression_level`).
///
/// ```swift
/// do {
///     _ = try ZstdCompressor(level: 30)
/// } catch {
///     print(error.code)  // compression.invalid_parameter
///     print(error)       // compression_level: 30 is not a zstd level; expected -131072 to 22 (default 3)
/// }
/// ```
public struct BackupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure; compare with the static members (`error.code == .restorePassphrase`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as `Docs/ERRORS.md`, the API and `pgbm-cli` show it (`backup.disk_full`).
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The part before the dot: what failed.
        public var family: Family { Family(rawValue: String(rawValue.prefix { $0 != "." }))! }

        /// The part after the dot: a backup's failed step or a restore's reason, as logs and the audit log
        /// show it (`disk_full`, `target_exists`).
        public var kind: String { String(rawValue.drop { $0 != "." }.dropFirst()) }

        // MARK: Backups: the step that failed

        /// The database, its settings or its passphrase cannot be read, or a setting is unusable.
        public static let backupConfiguration = Code("backup.configuration")
        /// The connection test before the dump failed.
        public static let backupConnection = Code("backup.connection")
        /// No suitable `pg_dump` is installed.
        public static let backupTools = Code("backup.tools")
        /// The backup folder has too little free space for the expected size.
        public static let backupDiskFull = Code("backup.disk_full")
        /// `pg_dump` failed.
        public static let backupDump = Code("backup.dump")
        /// Compressing the dump failed.
        public static let backupCompression = Code("backup.compression")
        /// Encrypting the dump failed.
        public static let backupEncryption = Code("backup.encryption")
        /// Writing the file (or its manifest) failed.
        public static let backupWrite = Code("backup.write")
        /// Uploading to S3 failed.
        public static let backupUpload = Code("backup.upload")
        /// The written file does not decrypt, decompress or list.
        public static let backupVerification = Code("backup.verification")
        /// Applying retention failed.
        public static let backupRetention = Code("backup.retention")
        /// The backup was cancelled.
        public static let backupCancelled = Code("backup.cancelled")
        /// The backup took longer than allowed.
        public static let backupTimeout = Code("backup.timeout")

        // MARK: Restores: what went wrong

        /// The source cannot be found or read.
        public static let restoreSource = Code("restore.source")
        /// The download from S3 failed.
        public static let restoreDownload = Code("restore.download")
        /// The file does not match its manifest or fails authentication: bit rot, tampering.
        public static let restoreCorrupted = Code("restore.corrupted")
        /// The file ends early.
        public static let restoreTruncated = Code("restore.truncated")
        /// The passphrase does not open the file, or none is known for it.
        public static let restorePassphrase = Code("restore.passphrase")
        /// The target server cannot be reached or refused the login.
        public static let restoreTarget = Code("restore.target")
        /// The target server is older than the backup, or no suitable `pg_restore` is installed.
        public static let restoreVersion = Code("restore.version")
        /// The target database exists (and holds tables) without `clean`, or exists when it should be created.
        public static let restoreTargetExists = Code("restore.target_exists")
        /// `pg_restore` or `psql` failed.
        public static let restoreFailed = Code("restore.restore")
        /// The restore finished but the target does not hold what the archive had.
        public static let restoreVerification = Code("restore.verification")
        /// Scratch space, temporary files.
        public static let restoreScratch = Code("restore.scratch")
        /// The restore was cancelled.
        public static let restoreCancelled = Code("restore.cancelled")

        // MARK: Alerts: why a channel could not deliver

        /// The channel is off or a setting or secret it needs is missing; retrying does not help.
        public static let alertNotConfigured = Code("alert.not_configured")
        /// The server could not be reached (connection refused, DNS, TLS).
        public static let alertUnreachable = Code("alert.unreachable")
        /// The server answered with an error (HTTP status, SMTP reply, credentials refused).
        public static let alertRefused = Code("alert.refused")
        /// No answer in time.
        public static let alertTimeout = Code("alert.timeout")

        // MARK: Compression

        /// A setting is out of range; ``BackupError/field`` names it.
        public static let compressionInvalidParameter = Code("compression.invalid_parameter")
        /// The data does not start with a zstd frame (wrong magic number): not compressed by pgbm or zstd.
        public static let compressionNotZstd = Code("compression.not_zstd")
        /// The data is damaged: a frame failed to decode or its checksum did not match.
        public static let compressionCorrupted = Code("compression.corrupted")
        /// The data ended inside a frame (or before the first one): the file was cut short.
        public static let compressionTruncated = Code("compression.truncated")
        /// The frame uses a feature or a window size this decoder does not accept.
        public static let compressionUnsupported = Code("compression.unsupported")
        /// libzstd could not allocate memory.
        public static let compressionOutOfMemory = Code("compression.out_of_memory")
        /// libzstd reported another error.
        public static let compressionLibrary = Code("compression.library")

        /// Every code, in the order `Docs/ERRORS.md` lists them.
        public static let all: [Code] = [
            .backupConfiguration, .backupConnection, .backupTools, .backupDiskFull, .backupDump, .backupCompression,
            .backupEncryption, .backupWrite, .backupUpload, .backupVerification, .backupRetention, .backupCancelled,
            .backupTimeout,
            .restoreSource, .restoreDownload, .restoreCorrupted, .restoreTruncated, .restorePassphrase, .restoreTarget,
            .restoreVersion, .restoreTargetExists, .restoreFailed, .restoreVerification, .restoreScratch,
            .restoreCancelled,
            .alertNotConfigured, .alertUnreachable, .alertRefused, .alertTimeout,
            .compressionInvalidParameter, .compressionNotZstd, .compressionCorrupted, .compressionTruncated,
            .compressionUnsupported, .compressionOutOfMemory, .compressionLibrary,
        ]

        public var description: String { rawValue }
    }

    /// What failed: the first part of a ``Code``.
    public enum Family: String, Sendable, CaseIterable {
        /// A backup run; the code names the step.
        case backup
        /// A restore job; the code names the reason.
        case restore
        /// An alert delivery on one channel.
        case alert
        /// Compression or decompression.
        case compression
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, in words; never contains a secret.
    public let message: String
    /// The setting at fault, in the API's snake_case (`compression_level`), for
    /// ``Code/compressionInvalidParameter``.
    public let field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// `<field>: <message>` for an invalid setting, otherwise the message.
    public var description: String {
        if let field { return "\(field): \(message)" }
        return message
    }
}
