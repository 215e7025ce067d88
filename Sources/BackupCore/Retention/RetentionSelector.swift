/// Walks one location's successful backups from newest to oldest and says which rules keep each one.
///
/// keep-last N keeps the first N. Each calendar rule keeps the first backup it meets in each period, for
/// the first `limit` distinct periods it meets; periods without a successful backup are never met, so
/// they cost nothing (borg/restic semantics).
///
/// ```swift
/// var selector = RetentionSelector(policy: RetentionPolicy(keepLast: 1, daily: 7))
/// selector.reasons(forLocalDay: 20_783)   // ["keep-last 1", "daily 2026-11-26"]
/// ```
struct RetentionSelector {
    private let keepLast: Int
    private var successesSeen = 0
    private var tallies: [(rule: RetentionRule, tally: BucketTally)]

    /// A selector for a policy; it must see successes newest first.
    init(policy: RetentionPolicy) {
        keepLast = max(policy.keepLast, 0)
        tallies = RetentionRule.allCases.compactMap { rule in
            let limit = rule.limit(in: policy)
            return limit > 0 ? (rule, BucketTally(limit: limit)) : nil
        }
    }

    /// True once no later (older) backup can be kept by any rule.
    var isExhausted: Bool {
        successesSeen >= keepLast && tallies.allSatisfy { $0.tally.isFull }
    }

    /// The reasons the policy keeps the next-older successful backup; empty when no rule keeps it.
    ///
    /// - Parameters:
    ///   - day: the backup's local day number in the retention time zone.
    mutating func reasons(forLocalDay day: Int) -> [String] {
        if isExhausted { return [] }
        var reasons: [String] = []
        successesSeen += 1
        if successesSeen <= keepLast {
            reasons.append("keep-last \(successesSeen)")
        }
        let date = CivilDate(dayNumber: day)
        for index in tallies.indices where !tallies[index].tally.isFull {
            let rule = tallies[index].rule
            if tallies[index].tally.take(rule.key(day: day, date: date)) {
                reasons.append(rule.reason(day: day))
            }
        }
        return reasons
    }
}
