/// Whether retention keeps or deletes one item, and why.
///
/// Reasons are short phrases meant for people: `keep-last 2`, `daily 2026-11-20`, `weekly 2026-W47`,
/// `monthly 2026-11`, `yearly 2026`, `newest success`, `newer than now`, `failed, no newer success`,
/// `failed, superseded by a newer successful backup`, `not kept by the policy`, `policy has no rules`.
/// A kept backup lists every rule that keeps it.
///
/// ```swift
/// for decision in plan.deletions {
///     print(decision.item.id, decision.reasons.joined(separator: "; "))
/// }
/// ```
public struct RetentionDecision: Sendable, Equatable {
    /// The item decided on.
    public var item: RetentionItem
    /// True to keep the item, false to delete it.
    public var keep: Bool
    /// Why; never empty.
    public var reasons: [String]

    /// A decision.
    ///
    /// - Parameters:
    ///   - item: the item decided on.
    ///   - keep: true to keep it.
    ///   - reasons: why.
    public init(item: RetentionItem, keep: Bool, reasons: [String]) {
        self.item = item
        self.keep = keep
        self.reasons = reasons
    }
}

extension RetentionDecision {
    /// Well-known reasons, for callers and tests that match on them.
    public enum Reason {
        /// The newest successful backup of a location, kept whatever the policy.
        public static let newestSuccess = "newest success"
        /// Dated after `now` (clock skew); kept and otherwise ignored.
        public static let newerThanNow = "newer than now"
        /// A failed item older than the location's newest successful backup; deleted.
        public static let failedSuperseded = "failed, superseded by a newer successful backup"
        /// A failed item with no successful backup after it; kept.
        public static let failedNoNewerSuccess = "failed, no newer success"
        /// A successful backup no rule keeps; deleted.
        public static let notKept = "not kept by the policy"
        /// The policy has no rules, so retention keeps everything.
        public static let emptyPolicy = "policy has no rules"
    }
}
