public import Foundation

/// Cross-process leases: one holder at a time per name (e.g. `backup.database.3`), taken over after
/// expiry when the holder died.
public protocol LeaseManager: Sendable {
    /// Takes the lease if it is free, expired, or already ours; returns whether we hold it now.
    func acquireLease(_ name: String, holder: String, duration: TimeInterval, now: Date) throws -> Bool
    /// Extends our lease; false when it is no longer ours.
    func renewLease(_ name: String, holder: String, duration: TimeInterval, now: Date) throws -> Bool
    /// Gives the lease up if we hold it.
    func releaseLease(_ name: String, holder: String) throws
}
