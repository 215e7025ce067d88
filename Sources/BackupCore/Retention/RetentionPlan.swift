/// The outcome of retention: a decision for every item. It is also the preview: nothing is deleted until
/// the caller acts on `deletions`.
///
/// ```swift
/// let plan = Retention.plan(items, policy: policy, timeZone: zone, now: .now)
/// print("\(plan.deletedCount) to delete, \(plan.keptCount) kept, \(plan.bytesFreed) bytes freed")
/// for decision in plan.deletions { print(decision.item.id, decision.reasons.joined(separator: "; ")) }
/// ```
public struct RetentionPlan: Sendable, Equatable {
    /// One decision per item: all local items first, then all S3 items, each newest first (by time, then
    /// by id for equal times, the greater id counting as newer).
    public var decisions: [RetentionDecision]

    /// A plan made of decisions.
    ///
    /// - Parameters:
    ///   - decisions: the decisions, in the order described on `decisions`.
    public init(decisions: [RetentionDecision]) {
        self.decisions = decisions
    }

    /// The items to delete, with reasons, in plan order.
    public var deletions: [RetentionDecision] {
        decisions.filter { !$0.keep }
    }

    /// The items to keep, with reasons, in plan order.
    public var kept: [RetentionDecision] {
        decisions.filter(\.keep)
    }

    /// How many items are kept.
    public var keptCount: Int {
        decisions.reduce(0) { $0 + ($1.keep ? 1 : 0) }
    }

    /// How many items are deleted.
    public var deletedCount: Int {
        decisions.count - keptCount
    }

    /// The summed size of the deleted items whose size is known.
    public var bytesFreed: Int64 {
        decisions.reduce(0) { total, decision in
            decision.keep ? total : total &+ max(decision.item.sizeBytes ?? 0, 0)
        }
    }

    /// How many deleted items have no known size, so `bytesFreed` is a lower bound when this is not 0.
    public var deletionsWithoutSize: Int {
        decisions.reduce(0) { $0 + (!$1.keep && $1.item.sizeBytes == nil ? 1 : 0) }
    }

    /// The decisions for one location, newest first.
    ///
    /// - Parameters:
    ///   - location: the location to list.
    public func decisions(in location: RetentionItem.Location) -> [RetentionDecision] {
        decisions.filter { $0.item.location == location }
    }
}
