/// Decides one location's items that are not after `now`, fed newest first, without touching the items
/// themselves: it hands out verdict codes, and `verdicts[code]` says keep or delete and why.
///
/// Most items share one of a few verdicts, so the plan is built in two passes: codes from the compact
/// walk entries, then decisions from the items (a tight loop over scattered memory).
///
/// ```swift
/// var judge = RetentionJudge(policy: policy, newestSuccess: 0)
/// let code = judge.decide(succeeded: true, at: 0, localDay: 20_783)
/// judge.verdicts[code]   // keep: "daily 2026-11-26", "newest success"
/// ```
struct RetentionJudge {
    /// Keep or delete, and why.
    struct Verdict {
        /// True to keep the item.
        var keep: Bool
        /// Why.
        var reasons: [String]
    }

    /// The verdicts handed out so far; the first few are shared by many items.
    private(set) var verdicts = [
        Verdict(keep: false, reasons: [RetentionDecision.Reason.notKept]),
        Verdict(keep: false, reasons: [RetentionDecision.Reason.failedSuperseded]),
        Verdict(keep: true, reasons: [RetentionDecision.Reason.failedNoNewerSuccess]),
    ]
    private static let notKept = 0
    private static let superseded = 1
    private static let unsuperseded = 2
    private var selector: RetentionSelector
    private let newestSuccess: Int?

    /// A judge for one location.
    ///
    /// - Parameters:
    ///   - policy: the rules to apply.
    ///   - newestSuccess: the position of the newest successful item not after `now`, if any.
    init(policy: RetentionPolicy, newestSuccess: Int?) {
        selector = RetentionSelector(policy: policy)
        self.newestSuccess = newestSuccess
    }

    /// The verdict code for the item at `position` in newest-first order.
    ///
    /// - Parameters:
    ///   - succeeded: whether the item is a successful backup; calls must come newest first.
    ///   - position: its position in the walk, comparable with `newestSuccess`.
    ///   - localDay: its local day number in the retention time zone (ignored for failed items).
    mutating func decide(succeeded: Bool, at position: Int, localDay: Int) -> Int {
        guard succeeded else {
            let isSuperseded = newestSuccess.map { position > $0 } ?? false
            return isSuperseded ? Self.superseded : Self.unsuperseded
        }
        var reasons = selector.reasons(forLocalDay: localDay)
        if position == newestSuccess {
            reasons.append(RetentionDecision.Reason.newestSuccess)
        }
        if reasons.isEmpty { return Self.notKept }
        verdicts.append(Verdict(keep: true, reasons: reasons))
        return verdicts.count - 1
    }
}
