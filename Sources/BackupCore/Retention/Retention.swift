public import Foundation

/// Retention as a pure function: which backups to keep and which to delete, and why.
///
/// Each location (local, S3) is planned on its own, as if it were the only list. Rules:
/// - Items dated after `now` are kept (`newer than now`) and otherwise ignored.
/// - The newest successful item (not after `now`) is always kept (`newest success`).
/// - keep-last N keeps the N newest successful items; daily/weekly/monthly/yearly keep the newest
///   successful item of each of the most recent periods, in `timeZone`, that contain one. Periods with only
///   failures, or nothing, do not count, so months of failing jobs delete nothing old.
/// - A failed item is deleted only when a successful item newer than it exists in its location.
/// - A policy with no rules keeps everything.
///
/// ```swift
/// let plan = Retention.plan(
///     items, policy: RetentionPolicy(daily: 7, weekly: 4, monthly: 12),
///     timeZone: TimeZone(identifier: "Europe/Berlin")!, now: .now)
/// ```
public enum Retention {
    /// Decides, for every item, whether to keep or delete it and why.
    ///
    /// - Parameters:
    ///   - items: the backups of one database, in any order, any mix of locations.
    ///   - policy: the rules to apply.
    ///   - timeZone: the zone whose calendar defines days, ISO weeks, months and years.
    ///   - now: the current time; items after it are kept untouched.
    /// - Returns: one decision per item, local items first, then S3, each newest first.
    public static func plan(
        _ items: [RetentionItem], policy: RetentionPolicy, timeZone: TimeZone, now: Date
    ) -> RetentionPlan {
        let order = PlanOrder(items)
        var decisions: [RetentionDecision] = []
        decisions.reserveCapacity(items.count)
        for range in order.locationRanges {
            appendDecisions(
                for: order.entries[range], of: items, policy: policy, timeZone: timeZone, now: now, to: &decisions)
        }
        return RetentionPlan(decisions: decisions)
    }

    /// Decides the items of one location, given newest first, and appends the decisions in that order.
    static func appendDecisions(
        for entries: ArraySlice<PlanOrder.Entry>, of items: [RetentionItem], policy: RetentionPolicy,
        timeZone: TimeZone, now: Date, to decisions: inout [RetentionDecision]
    ) {
        if policy.isEmpty {
            let everything = RetentionJudge.Verdict(keep: true, reasons: [RetentionDecision.Reason.emptyPolicy])
            return append(entries, of: items, verdict: { _ in everything }, to: &decisions)
        }
        let nowKey = PlanOrder.key(seconds: now.timeIntervalSince1970)
        let past = entries.firstIndex { $0.key >= nowKey } ?? entries.endIndex
        let future = RetentionJudge.Verdict(keep: true, reasons: [RetentionDecision.Reason.newerThanNow])
        append(entries[..<past], of: items, verdict: { _ in future }, to: &decisions)

        let days = localDays(of: entries[past...], timeZone: timeZone)
        var judge = RetentionJudge(policy: policy, newestSuccess: entries[past...].firstIndex(where: \.succeeded))
        let codes = entries[past...].indices.map { position in
            judge.decide(succeeded: entries[position].succeeded, at: position, localDay: days[position - past])
        }
        let verdicts = judge.verdicts
        append(entries[past...], of: items, verdict: { verdicts[codes[$0 - past]] }, to: &decisions)
    }

    /// Appends a decision for each entry's item, with the verdict for its position.
    static func append(
        _ entries: ArraySlice<PlanOrder.Entry>, of items: [RetentionItem],
        verdict: (Int) -> RetentionJudge.Verdict, to decisions: inout [RetentionDecision]
    ) {
        for position in entries.indices {
            let outcome = verdict(position)
            decisions.append(
                RetentionDecision(item: items[entries[position].index], keep: outcome.keep, reasons: outcome.reasons))
        }
    }

    /// Local day numbers of the successful items in a newest-first slice (0 for failed ones), computed
    /// oldest first so the zone offset cache hits.
    static func localDays(of entries: ArraySlice<PlanOrder.Entry>, timeZone: TimeZone) -> [Int] {
        var days = [Int](repeating: 0, count: entries.count)
        var cache = ZoneOffsetCache(timeZone: timeZone)
        for position in entries.indices.reversed() where entries[position].succeeded {
            days[position - entries.startIndex] = cache.localDay(atSecondsSince1970: entries[position].seconds)
        }
        return days
    }
}
