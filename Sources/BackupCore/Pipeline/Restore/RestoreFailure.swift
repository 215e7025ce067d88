/// Why a restore failed, with a message an operator can act on; never contains a secret.
public struct RestoreFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong; each has its own message.
    public enum Reason: String, Sendable, Codable {
        /// The source cannot be found or read.
        case source
        /// The download from S3 failed.
        case download
        /// The file does not match its manifest or fails authentication: bit rot, tampering.
        case corrupted
        /// The file ends early.
        case truncated
        /// The passphrase does not open the file, or none is known for it.
        case passphrase
        /// The target server cannot be reached or refused the login.
        case target
        /// The target server is older than the backup, or no suitable `pg_restore` is installed.
        case version
        /// The target database exists (and holds tables) without `clean`, or exists when it should be created.
        case targetExists = "target_exists"
        /// `pg_restore` or `psql` failed.
        case restore
        /// The restore finished but the target does not hold what the archive had.
        case verification
        /// Scratch space, temporary files.
        case scratch
        case cancelled
    }

    public let reason: Reason
    public let message: String

    /// A failure.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
