import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing of user passwords, off the event loops (on `NIOThreadPool`).
///
/// ```swift
/// let hash = try await PasswordHasher().hash("correct horse battery staple")
/// let ok = try await PasswordHasher().verify("correct horse battery staple", against: hash)
/// ```
///
/// bcrypt reads at most 72 bytes of a password; longer passwords are accepted, their tail is ignored.
public struct PasswordHasher: Sendable {
    /// The bcrypt cost (log2 of the rounds): 10 took 100-225 ms per hash on the 2-core test machine under
    /// a load average of 12 (cost 11 would double that, past 300 ms),
    /// so a login stays under 300 ms.
    public static let defaultCost: UInt8 = 10

    /// A hash of a random password, verified against when a login names an unknown user, so the answer
    /// takes as long as for a known user with a wrong password.
    private static let dummyHash = Bcrypt.hash(TokenDigest.newToken(), cost: defaultCost)

    /// The cost of new hashes.
    public var cost: UInt8
    let threadPool = NIOThreadPool.singleton

    /// Creates a hasher whose new hashes have `cost` (at least 10).
    public init(cost: UInt8 = PasswordHasher.defaultCost) {
        self.cost = max(cost, 10)
    }

    /// The bcrypt hash of `password`, computed on the thread pool.
    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await threadPool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; `nil` verifies against a dummy hash and returns `false`.
    public func verify(_ password: String, against hash: String?) async throws -> Bool {
        try await threadPool.runIfActive {
            let matches = Bcrypt.verify(password, hash: hash ?? Self.dummyHash)
            return hash != nil && matches
        }
    }

    /// The bcrypt hash of `password`, computed on the calling thread (for the command-line tool).
    public func hashBlocking(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }
}
