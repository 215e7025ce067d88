public import Foundation

/// Cross-process leases: one holder at a time per name (e.g. `backup.database.3`), taken over after
/// expiry when the holder died.
public protocol LeaseManager: Sendable {
    /// Takes the lease if it is free, expired, or already ours; returns whether we hold it now.
    func acquireLease(_ name: String, holder: String, duration: TimeInterval, now: Date) async throws -> Bool
    /// Extends our lease; false when it is no longer ours.
    func renewLease(_ name: String, holder: String, duration: TimeInterval, now: Date) async throws -> Bool
    /// Gives the lease up if we hold it.
    func releaseLease(_ name: String, holder: String) async throws
    /// The holder of the lease while it has not expired; `nil` when it is free or expired.
    func leaseHolder(_ name: String, now: Date) async throws -> String?
    /// Takes the lease from `previous`, a holder known to be gone (its process no longer exists), before it
    /// expires; false when `previous` no longer holds it (someone else took it meanwhile).
    func takeOverLease(_ name: String, from previous: String, holder: String, duration: TimeInterval, now: Date) async throws -> Bool
}
