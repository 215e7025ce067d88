import BackupCore
import Crypto
import Foundation

/// The one-time setup token of a new installation, kept only in memory: `POST /api/auth/setup` creates
/// the first admin with it.
///
/// pgbm-server makes one at start when the store has no user and logs it once; a gate without a token
/// refuses every setup attempt.
///
/// ```swift
/// let gate = SetupGate(token: TokenDigest.newToken())
/// if await gate.claim(candidate) { /* create the first admin */ }
/// ```
public actor SetupGate {
    private var token: String?

    /// Creates a gate that accepts `token` once (`nil`: accepts nothing).
    public init(token: String? = nil) {
        self.token = token
    }

    /// A gate with a new random token when `needed`, else one that accepts nothing.
    public static func make(needed: Bool) -> SetupGate {
        SetupGate(token: needed ? TokenDigest.newToken(prefix: "setup_") : nil)
    }

    /// The token, for the server's one log line; `nil` once used or when none was made.
    public var pendingToken: String? { token }

    /// Takes the token when `candidate` matches it (compared in constant time); a taken token accepts
    /// nothing more until ``restore(_:)``.
    ///
    /// - Returns: whether `candidate` was the token.
    public func claim(_ candidate: String) -> Bool {
        guard let token, Self.constantTimeEqual(token, candidate) else { return false }
        self.token = nil
        return true
    }

    /// Puts a claimed token back (the setup failed after the claim, e.g. on an invalid username).
    public func restore(_ claimed: String) {
        token = claimed
    }

    /// Compares the SHA-256 digests of the two texts byte by byte without an early exit.
    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(SHA256.hash(data: Data(left.utf8)))
        let b = Array(SHA256.hash(data: Data(right.utf8)))
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
