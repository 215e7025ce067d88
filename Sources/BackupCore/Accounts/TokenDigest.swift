import Crypto
import Foundation

/// Random bearer secrets (API tokens, session and CSRF tokens, the setup token) and the SHA-256 the store
/// keeps instead of them.
public enum TokenDigest {
    /// A new secret: `prefix` followed by 32 random bytes in base64url (`pgbm_…` for API tokens).
    public static func newToken(prefix: String = "") -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let text = bytes.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + text
    }

    /// The lowercase hex SHA-256 of `token`, as stored.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
