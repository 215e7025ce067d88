/// Why a backup failed, with a message an operator can act on; never contains a secret.
public struct BackupFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step that failed.
    public enum Step: String, Sendable, Codable {
        case configuration, connection, tools, diskFull = "disk_full", dump, compression, encryption, write
        case upload, verification, retention, cancelled, timeout
    }

    public let step: Step
    public let message: String

    /// Creates a failure.
    public init(_ step: Step, _ message: String) {
        self.step = step
        self.message = message
    }

    public var description: String { message }
}
