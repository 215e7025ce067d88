public import Crypto
import CryptoExtras
import Foundation

/// The AES-256 key of one container, derived from a passphrase with PBKDF2-HMAC-SHA256.
///
/// ```swift
/// let key = try ContainerKey(passphrase: "…", salt: header.salt, iterations: Int(header.iterations))
/// guard key.matches(header) else { throw ContainerError.wrongPassphrase }
/// ```
public struct ContainerKey: Sendable {
    static let keyCheckLabel = Array("pgbm key check v1".utf8)

    /// The derived AES-256 key.
    public let symmetricKey: SymmetricKey
    /// The salt it was derived with.
    public let salt: [UInt8]
    /// The PBKDF2 iterations it was derived with.
    public let iterations: Int

    /// Derives a key for a new container: a fresh random salt and `parameters.iterations`.
    ///
    /// Deriving ahead of time takes the PBKDF2 (about 0.16 s at the default 600,000 iterations) off the
    /// path of the data: start it beside other work, then write with
    /// ``_Concurrency/AsyncSequence/containerEncrypted(key:chunkSize:)`` and read back with
    /// ``_Concurrency/AsyncSequence/containerDecrypted(key:)``.
    public static func forNewContainer(passphrase: String, parameters: EncryptionParameters = .standard) throws(ContainerError) -> ContainerKey {
        try ContainerKey(passphrase: passphrase, salt: ContainerEncryptor.randomBytes(ContainerHeader.saltCount), iterations: parameters.iterations)
    }

    /// Derives the key for a passphrase and salt.
    ///
    /// The iteration count is validated against ``EncryptionParameters/acceptedIterations`` first, so a
    /// hostile header can never make this spin; swift-crypto's own 210,000-round floor does not apply here
    /// because format version 1 readers must accept 100,000.
    /// - Parameters:
    ///   - passphrase: the passphrase; its UTF-8 bytes are the PBKDF2 password.
    ///   - salt: the per-file salt.
    ///   - iterations: PBKDF2 iterations.
    public init(passphrase: String, salt: [UInt8], iterations: Int) throws(ContainerError) {
        guard !passphrase.isEmpty else { throw .emptyPassphrase }
        self.salt = salt
        self.iterations = iterations
        try EncryptionParameters.check("iterations", iterations, EncryptionParameters.acceptedIterations)
        do {
            symmetricKey = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(passphrase.utf8),
                salt: salt,
                using: .sha256,
                outputByteCount: 32,
                unsafeUncheckedRounds: iterations
            )
        } catch {
            // BoringSSL only fails here on allocation failure or parameters already validated above.
            throw .parameterOutOfRange(
                name: "iterations", value: UInt64(iterations), accepted: EncryptionParameters.acceptedIterations)
        }
    }

    /// The 16-byte key check stored in the header: HMAC-SHA256(key, "pgbm key check v1") truncated.
    public var keyCheck: [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Self.keyCheckLabel, using: symmetricKey).prefix(16))
    }

    /// Whether this key is the one the header was written with (constant-time comparison).
    public func matches(_ header: ContainerHeader) -> Bool {
        let expected = keyCheck
        guard expected.count == header.keyCheck.count else { return false }
        return zip(expected, header.keyCheck).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Generates a strong random passphrase: 32 random bytes, base64url without padding (43 characters).
    public static func generateKey() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
