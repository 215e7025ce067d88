import BackupCrypto
import BackupCron
import BackupDump
import BackupRepository
import BackupStorage

/// The stable identity of an error a pgbm library throws: its target and its code.
///
/// Each library target has one public error type with a stable code: `ContainerError` (BackupCrypto),
/// `StorageError` (BackupStorage), `CronParseError` (BackupCron), `StoreError` (BackupRepository),
/// `DumpError` (BackupDump) and ``BackupError`` (BackupCore). A frontend maps this pair once: the API to an
/// HTTP status, `pgbm-cli` to an exit code. `Docs/ERRORS.md` lists every pair; ``all`` lists them for tests.
///
/// ```swift
/// if let report = ErrorReport(error) {
///     print(report.code)     // BackupStorage.unreachable
///     print(report.message)  // cannot reach s3.example.com:443: …
/// }
/// ```
public struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The library target whose error type carries the code.
    public enum Target: String, Sendable, CaseIterable {
        case crypto = "BackupCrypto"
        case storage = "BackupStorage"
        case cron = "BackupCron"
        case repository = "BackupRepository"
        case dump = "BackupDump"
        case core = "BackupCore"
    }

    /// The target.
    public let target: Target
    /// The code within the target (`unreachable`, `backup.disk_full`).
    public let code: String

    /// The pair `target` and `code`.
    public init(_ target: Target, _ code: String) {
        self.target = target
        self.code = code
    }

    /// `BackupStorage.unreachable`: target and code.
    public var description: String { "\(target.rawValue).\(code)" }

    /// Every code of every target, in the order `Docs/ERRORS.md` lists them.
    public static let all: [ErrorCode] =
        ContainerError.Code.all.map { ErrorCode(.crypto, $0.rawValue) }
        + StorageError.Code.all.map { ErrorCode(.storage, $0.rawValue) }
        + CronParseError.Code.all.map { ErrorCode(.cron, $0.rawValue) }
        + StoreError.Code.all.map { ErrorCode(.repository, $0.rawValue) }
        + DumpError.Code.all.map { ErrorCode(.dump, $0.rawValue) }
        + BackupError.Code.all.map { ErrorCode(.core, $0.rawValue) }
}
