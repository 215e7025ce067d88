import Foundation

extension APIConfiguration {
    /// How logins are limited per client address and per username (`Docs/SECURITY.md`).
    ///
    /// An attempt counts from the moment it is accepted, before its password is checked, so attempts
    /// sent at once count as well as finished ones.
    ///
    /// ```swift
    /// var configuration = APIConfiguration()
    /// configuration.loginRateLimit = .init(failures: 3, lockout: .seconds(60))
    /// ```
    public struct LoginRateLimit: Sendable {
        /// Attempts (failed, or still being checked) allowed within ``lockout`` per address and per
        /// username; the next one is a `429`.
        public var failures: Int
        /// How long a failed attempt counts: a locked-out address or username may log in again once its
        /// oldest counted attempt is this old.
        public var lockout: Duration
        /// The wall clock the limit reads (tests drive one by hand).
        var now: @Sendable () -> Date = { Date() }

        /// Creates a limit: by default 5 attempts within 15 minutes.
        ///
        /// - Parameters:
        ///   - failures: Attempts allowed within `lockout` (at least 1).
        ///   - lockout: How long a failed attempt counts.
        public init(failures: Int = 5, lockout: Duration = .seconds(15 * 60)) {
            self.failures = max(1, failures)
            self.lockout = lockout
        }

        /// ``lockout`` in seconds.
        var window: Double {
            Double(lockout.components.seconds) + Double(lockout.components.attoseconds) / 1e18
        }
    }
}
