import BackupRepository
import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing of user passwords, off the event loops (on `NIOThreadPool`).
///
/// ```swift
/// let hash = try await PasswordHasher().hash("correct horse battery staple")
/// let ok = try await PasswordHasher().verify("correct horse battery staple", against: hash)
/// ```
///
/// bcrypt reads at most 72 bytes of a password and stops at a NUL byte. ``PasswordPolicy`` keeps new
/// passwords within that; the hasher itself refuses to hash a password with a NUL (it would hash only what
/// comes before it) and never lets one match. A password of more than 72 bytes set before the policy
/// said so is still compared on its first 72 bytes, as bcrypt does.
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
    /// - Throws: `StoreError` `invalid` naming `password` when it holds a NUL byte.
    public func hash(_ password: String) async throws -> String {
        try Self.refuseNUL(password)
        let cost = cost
        return try await threadPool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; `nil` verifies against a dummy hash and returns `false`. A
    /// password with a NUL byte never matches (it is verified against the dummy hash, so it takes as long).
    public func verify(_ password: String, against hash: String?) async throws -> Bool {
        let usable = !password.utf8.contains(0)
        return try await threadPool.runIfActive {
            let matches = Bcrypt.verify(password, hash: usable ? hash ?? Self.dummyHash : Self.dummyHash)
            return usable && hash != nil && matches
        }
    }

    /// The bcrypt hash of `password`, computed on the calling thread (for the command-line tool).
    /// - Throws: `StoreError` `invalid` naming `password` when it holds a NUL byte.
    public func hashBlocking(_ password: String) throws -> String {
        try Self.refuseNUL(password)
        return Bcrypt.hash(password, cost: cost)
    }

    private static func refuseNUL(_ password: String) throws(StoreError) {
        if let nul = password.unicodeScalars.enumerated().first(where: { $0.element == "\u{0}" }) {
            throw StoreError.invalid(field: "password", TextRule.controlMessage(nul.element, at: nul.offset + 1))
        }
    }
}
