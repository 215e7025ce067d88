public import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The key that encrypts every secret in the store: `<data dir>/master.key` (base64 of 32 random
/// bytes, mode 0600, made on first start) or `PGBM_MASTER_KEY`.
public struct MasterKey: Sendable {
    /// The AES-256 key.
    public let key: SymmetricKey
    /// Where it came from, for messages (`/data/master.key` or `PGBM_MASTER_KEY`).
    public let source: String

    /// Wraps a key.
    public init(key: SymmetricKey, source: String) {
        self.key = key
        self.source = source
    }

    /// Parses base64 text of 32 bytes.
    static func parse(_ text: String, source: String) throws(StoreError) -> MasterKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed), data.count == 32 else {
            throw StoreError(.masterKey, "\(source) does not hold a master key (expected base64 of 32 bytes)")
        }
        return MasterKey(key: SymmetricKey(data: data), source: source)
    }

    /// Reads `PGBM_MASTER_KEY` or the key file; `nil` when neither exists.
    /// - Throws: ``StoreError`` when the file is readable by others or malformed.
    static func load(dataDirectory: String, environment: [String: String]) throws(StoreError) -> MasterKey? {
        if let value = environment["PGBM_MASTER_KEY"], !value.isEmpty {
            return try parse(value, source: "PGBM_MASTER_KEY")
        }
        let path = keyPath(dataDirectory)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw StoreError(
                .masterKey,
                "\(path) has mode \(String(mode, radix: 8)); it must be readable by its owner only: run chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StoreError(.masterKey, "cannot read \(path)")
        }
        return try parse(text, source: path)
    }

    /// Creates a new random key file with mode 0600 (never replacing an existing one).
    static func create(dataDirectory: String) throws(StoreError) -> MasterKey {
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        let path = keyPath(dataDirectory)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError(.masterKey, "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        guard written == text.utf8.count, fsync(fd) == 0 else {
            unlink(path)
            throw StoreError(.masterKey, "cannot write \(path)")
        }
        return MasterKey(key: key, source: path)
    }

    static func keyPath(_ dataDirectory: String) -> String { dataDirectory + "/master.key" }

    /// First 16 bytes of HMAC-SHA256(key, "pgbm master key check"): tells a wrong key from damage.
    var check: Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("pgbm master key check".utf8), using: key).prefix(16))
    }
}
