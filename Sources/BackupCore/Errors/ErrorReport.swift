import BackupCrypto
import BackupCron
import BackupDump
import BackupRepository
import BackupStorage

/// An error of a pgbm library as a frontend reports it: its stable code, its message and the field at fault.
///
/// `nil` for any other error (a frontend's own, a cancellation, a bug), which the frontend handles itself.
public struct ErrorReport: Sendable, CustomStringConvertible {
    /// The target and code.
    public let code: ErrorCode
    /// What went wrong, for a person; never contains a secret.
    public let message: String
    /// The field or setting at fault, in the API's snake_case, when there is one.
    public let field: String?

    /// The report of `error`, or `nil` when it is not one of the libraries' error types.
    public init?(_ error: any Error) {
        switch error {
        case let error as ContainerError: (code, message, field) = (ErrorCode(.crypto, error.code.rawValue), error.description, nil)
        case let error as StorageError: (code, message, field) = (ErrorCode(.storage, error.code.rawValue), error.message, nil)
        case let error as CronParseError: (code, message, field) = (ErrorCode(.cron, error.code.rawValue), error.description, nil)
        case let error as StoreError:
            (code, message, field) = (ErrorCode(.repository, error.code.rawValue), error.message, error.field)
        case let error as DumpError: (code, message, field) = (ErrorCode(.dump, error.code.rawValue), error.description, nil)
        case let error as BackupError:
            (code, message, field) = (ErrorCode(.core, error.code.rawValue), error.description, error.field)
        default: return nil
        }
    }

    public var description: String { "\(message) [\(code)]" }
}
