/// Why a pgbm encrypted container could not be written or read.
///
/// Each case is a distinct failure an operator acts on differently: a file that is not ours, a format
/// this version cannot read, the wrong passphrase, damaged data, a file that was cut short, or bytes
/// appended after the end. The descriptions never contain key material or the passphrase.
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
        }
    }
}
