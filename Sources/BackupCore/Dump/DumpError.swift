/// A `pg_dump`, `pg_dumpall` or `pg_restore` run failed; ``kind`` says why, ``description`` says it to a
/// person.
///
/// ```
/// pg_dump failed (exit status 1): pg_dump: error: connection to server … failed: FATAL:  database "x" does not exist
/// pg_dump exceeded the maximum run time of 3600 s
/// ```
/// The program's stderr is kept (its last 64 KiB) with the password replaced by `********`.
public struct DumpError: Error, Sendable, CustomStringConvertible {
    /// Why the run failed; compare with the static members (`error.kind == .lockTimeout`).
    public struct Kind: Hashable, Sendable {
        private enum Code: Hashable, Sendable {
            case invalidOptions, launchFailed, failed, lockTimeout, maxRunTimeExceeded, cancelled
            case consumerFailed, outputNotConsumed, inputFailed, outputTooLarge, passwordFile
        }
        private let code: Code

        /// The options, or the tool given for the job, cannot work (e.g. gzip level 12, `pg_restore` to dump).
        public static let invalidOptions = Kind(code: .invalidOptions)
        /// The program could not be started.
        public static let launchFailed = Kind(code: .launchFailed)
        /// The program ended with a non-zero status or a signal; ``DumpError/standardError`` says why.
        public static let failed = Kind(code: .failed)
        /// `pg_dump` gave up waiting for a table lock (`--lock-wait-timeout`).
        public static let lockTimeout = Kind(code: .lockTimeout)
        /// The run took longer than ``RunLimits/maxRunTime`` and was stopped.
        public static let maxRunTimeExceeded = Kind(code: .maxRunTimeExceeded)
        /// The calling task was cancelled and the program was stopped.
        public static let cancelled = Kind(code: .cancelled)
        /// The closure consuming the output threw; ``DumpError/underlyingError`` has its error.
        public static let consumerFailed = Kind(code: .consumerFailed)
        /// The consuming closure returned before reading the output to its end.
        public static let outputNotConsumed = Kind(code: .outputNotConsumed)
        /// The sequence feeding the program's input threw; ``DumpError/underlyingError`` has its error.
        public static let inputFailed = Kind(code: .inputFailed)
        /// The program printed more than the output limit of a collected result.
        public static let outputTooLarge = Kind(code: .outputTooLarge)
        /// The temporary password file could not be written.
        public static let passwordFile = Kind(code: .passwordFile)
    }

    /// Why the run failed.
    public let kind: Kind
    /// The program (`pg_dump`).
    public let tool: PostgresToolKind
    /// The program's stderr (the last 64 KiB, password redacted), empty when it printed nothing.
    public let standardError: String
    /// How the program ended (`exited(1)`, `unhandledException(15)`), when it ran.
    public let exitStatus: String?
    /// The consumer's or input's error for ``Kind/consumerFailed`` and ``Kind/inputFailed``.
    public let underlyingError: (any Error)?
    /// Kind-specific detail: the invalid option, the launch error, the limit.
    let detail: String

    init(
        _ kind: Kind, tool: PostgresToolKind, detail: String = "", standardError: String = "",
        exitStatus: String? = nil,
        underlyingError: (any Error)? = nil
    ) {
        self.kind = kind
        self.tool = tool
        self.detail = detail
        self.standardError = standardError
        self.exitStatus = exitStatus
        self.underlyingError = underlyingError
    }

    public var description: String {
        let name = tool.rawValue
        let stderr = standardError.isEmpty ? "" : ": \(standardError)"
        switch kind {
        case .invalidOptions: return "invalid \(name) options: \(detail)"
        case .launchFailed: return "cannot start \(name): \(detail)"
        case .failed: return "\(name) failed (\(exitStatus ?? "unknown status"))\(stderr)"
        case .lockTimeout: return "\(name) could not lock a table within the lock wait timeout of \(detail)\(stderr)"
        case .maxRunTimeExceeded: return "\(name) exceeded the maximum run time of \(detail)"
        case .cancelled: return "\(name) was cancelled"
        case .consumerFailed: return "processing \(name)'s output failed: \(detail)"
        case .outputNotConsumed: return "\(name)'s output was not read to its end, so \(name) was stopped"
        case .inputFailed: return "reading the input for \(name) failed: \(detail)"
        case .outputTooLarge: return "\(name) printed more than \(detail)"
        default: return "cannot write the temporary password file for \(name): \(detail)"
        }
    }
}

extension Duration {
    /// `3600 s`, `1.5 s`, `250 ms`: a duration as the error messages show it.
    var shortDescription: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return "\(seconds) s" }
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return milliseconds < 1000 ? "\(Int(milliseconds.rounded())) ms" : "\(milliseconds / 1000) s"
    }
}
