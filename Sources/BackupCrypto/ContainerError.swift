#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one error of BackupCrypto: why a pgbm encrypted container could not be written or read.
///
/// Each case is a distinct failure an operator acts on differently: a file that is not ours, a format
/// this version cannot read, the wrong passphrase, damaged data, a file that was cut short, bytes
/// appended after the end, or a file that cannot be opened, read or written. The set is closed (it is the
/// format's), so it is an enum to match on; ``code`` names each case with a stable string (`Docs/ERRORS.md`
/// lists them and how the API and `pgbm-cli` report them). The descriptions never contain key material or
/// the passphrase.
public enum ContainerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not start with the `PGBMENC1` magic.
    case notContainer
    /// The header names a format version this reader does not know.
    case unsupportedVersion(UInt8)
    /// The header names a key-derivation function this reader does not know.
    case unsupportedKDF(UInt8)
    /// A header or writer parameter is outside the accepted range; rejected before any key derivation.
    case parameterOutOfRange(name: String, value: UInt64, accepted: ClosedRange<UInt64>)
    /// The key derived from the passphrase does not match the header's key check.
    case wrongPassphrase
    /// The chunk at this index (0-based) failed authentication.
    case corrupted(chunk: UInt64)
    /// The data ended before a chunk flagged as the last one; `chunks` complete chunks were read.
    case truncated(chunks: UInt64)
    /// Bytes follow the chunk flagged as the last one (at this index).
    case trailingData(afterChunk: UInt64)
    /// An empty passphrase was given to a writer or a reader.
    case emptyPassphrase
    /// The plaintext needs more chunks than the 32-bit chunk counter allows.
    case tooManyChunks
    /// A file-system call failed: the `operation` (`open`, `read`, `write`, `fsync`, `rename`), the file
    /// (`-` for standard input/output) and the `errno` value the system reported.
    case fileSystem(operation: String, path: String, errno: Int32)

    /// The kind of failure, as a stable string; compare with the static members (`error.code == .corrupted`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as `Docs/ERRORS.md`, the API and `pgbm-cli` show it (`wrong_passphrase`).
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// ``ContainerError/notContainer``.
        public static let notContainer = Code("not_container")
        /// ``ContainerError/unsupportedVersion(_:)``.
        public static let unsupportedVersion = Code("unsupported_version")
        /// ``ContainerError/unsupportedKDF(_:)``.
        public static let unsupportedKDF = Code("unsupported_kdf")
        /// ``ContainerError/parameterOutOfRange(name:value:accepted:)``.
        public static let parameterOutOfRange = Code("parameter_out_of_range")
        /// ``ContainerError/wrongPassphrase``.
        public static let wrongPassphrase = Code("wrong_passphrase")
        /// ``ContainerError/corrupted(chunk:)``.
        public static let corrupted = Code("corrupted")
        /// ``ContainerError/truncated(chunks:)``.
        public static let truncated = Code("truncated")
        /// ``ContainerError/trailingData(afterChunk:)``.
        public static let trailingData = Code("trailing_data")
        /// ``ContainerError/emptyPassphrase``.
        public static let emptyPassphrase = Code("empty_passphrase")
        /// ``ContainerError/tooManyChunks``.
        public static let tooManyChunks = Code("too_many_chunks")
        /// ``ContainerError/fileSystem(operation:path:errno:)``.
        public static let fileSystem = Code("file_system")

        /// Every code, in the order `Docs/ERRORS.md` lists them.
        public static let all: [Code] = [
            .notContainer, .unsupportedVersion, .unsupportedKDF, .parameterOutOfRange, .wrongPassphrase, .corrupted,
            .truncated, .trailingData, .emptyPassphrase, .tooManyChunks, .fileSystem,
        ]

        public var description: String { rawValue }
    }

    /// The stable code of this case.
    public var code: Code {
        switch self {
        case .notContainer: .notContainer
        case .unsupportedVersion: .unsupportedVersion
        case .unsupportedKDF: .unsupportedKDF
        case .parameterOutOfRange: .parameterOutOfRange
        case .wrongPassphrase: .wrongPassphrase
        case .corrupted: .corrupted
        case .truncated: .truncated
        case .trailingData: .trailingData
        case .emptyPassphrase: .emptyPassphrase
        case .tooManyChunks: .tooManyChunks
        case .fileSystem: .fileSystem
        }
    }

    /// A ``fileSystem(operation:path:errno:)`` failure with the current `errno`.
    static func fileSystemFailure(_ operation: String, path: String) -> ContainerError {
        .fileSystem(operation: operation, path: path, errno: errno)
    }

    /// A sentence an operator can act on; it never contains key material or the passphrase.
    public var description: String {
        switch self {
        case .notContainer:
            return "not a pgbm encrypted file (it does not start with PGBMENC1)"
        case .unsupportedVersion(let version):
            return "unsupported format version \(version) (this pgbm reads version 1)"
        case .unsupportedKDF(let kdf):
            return "unsupported key derivation \(kdf) (this pgbm knows 1 = PBKDF2-HMAC-SHA256)"
        case .parameterOutOfRange(let name, let value, let accepted):
            return "unsupported \(name) \(value) (accepted: \(accepted.lowerBound) to \(accepted.upperBound))"
        case .wrongPassphrase:
            return "wrong passphrase: the key check in the header does not match"
                + " (or the header's salt, iterations or key check were damaged)"
        case .corrupted(let chunk):
            return "corrupted data: chunk \(chunk) failed authentication"
                + " (its bytes were changed or reordered, or the file was cut inside this chunk)"
        case .truncated(let chunks) where chunks == 0:
            return "truncated file: it ends before its first chunk was complete"
        case .truncated(let chunks):
            return "truncated file: it ends after \(chunks) chunk(s), before the final chunk"
        case .trailingData(let chunk):
            return "unexpected data after the final chunk \(chunk)"
        case .emptyPassphrase:
            return "the passphrase is empty"
        case .tooManyChunks:
            return "the data needs more than 2^32 chunks; use a larger chunk size"
        case .fileSystem(let operation, let path, let number):
            return "could not \(operation) \(path): \(String(cString: strerror(number)))"
        }
    }
}
