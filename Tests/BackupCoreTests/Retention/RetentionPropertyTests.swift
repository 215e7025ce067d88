import BackupCore
import Foundation
import TestSupport
import Testing

/// Properties that hold for any history, checked on seeded random histories.
@Suite("Retention properties")
struct RetentionPropertyTests {
    /// A random history: its items, policy, zone and now.
    struct History {
        var items: [RetentionItem]
        var policy: RetentionPolicy
        var timeZone: TimeZone
        var now: Date

        func plan(_ items: [RetentionItem]? = nil) -> RetentionPlan {
            Retention.plan(items ?? self.items, policy: policy, timeZone: timeZone, now: now)
        }
    }

    static let zones = [
        "UTC", "Europe/Berlin", "America/New_York", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata",
        "Pacific/Chatham", "America/St_Johns",
    ]

    /// Up to 80 items over 2 days … 15 years, some failed, some after now, some sharing a timestamp.
    static func history(seed: Int, failedShare: UInt64 = 3) -> History {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9)
        let now = Date(timeIntervalSince1970: 1_700_000_000 + Double(random.next(upperBound: 400_000_000 as UInt64)))
        let span = [2.0, 60, 3 * 365, 15 * 365][Int(random.next(upperBound: 4 as UInt64))] * 86_400
        var items: [RetentionItem] = []
        for index in 0..<Int(random.next(upperBound: 81 as UInt64)) {
            var offset = -span * Double(random.next(upperBound: 1_000_000 as UInt64)) / 1_000_000
            if random.next(upperBound: 20 as UInt64) == 0 {
                offset = Double(random.next(upperBound: 200_000 as UInt64))
            }
            var createdAt = now.addingTimeInterval(offset.rounded())
            if let earlier = items.last, random.next(upperBound: 8 as UInt64) == 0 { createdAt = earlier.createdAt }
            items.append(
                RetentionItem(
                    id: "app_\(random.next(upperBound: 1000 as UInt64))_\(index)", createdAt: createdAt,
                    succeeded: random.next(upperBound: 10 as UInt64) >= failedShare,
                    location: random.next(upperBound: 3 as UInt64) == 0 ? .s3 : .local,
                    sizeBytes: random.next(upperBound: 4 as UInt64) == 0
                        ? nil : Int64(random.next(upperBound: 1 << 30 as UInt64))))
        }
        let count = { Int(random.next(upperBound: 5 as UInt64)) }
        let policy = RetentionPolicy(
            keepLast: count(), daily: count(), weekly: count(), monthly: count(), yearly: count())
        let zone = TimeZone(identifier: zones[Int(random.next(upperBound: UInt64(zones.count)))]) ?? .gmt
        return History(items: items, policy: policy, timeZone: zone, now: now)
    }

    @Test("the plan matches a Calendar-based reference", arguments: 0..<300)
    func matchesReference(seed: Int) {
        let history = Self.history(seed: seed)
        let expected = RetentionReference.plan(
            history.items, policy: history.policy, timeZone: history.timeZone, now: history.now)
        let actual = history.plan().decisions
        #expect(actual.count == expected.count)
        let mismatch = zip(actual, expected).first { $0 != $1 }
        #expect(mismatch == nil, "\(history.policy) in \(history.timeZone.identifier), now \(history.now)")
    }

    @Test("planning the kept set again deletes nothing and gives the same reasons", arguments: 0..<300)
    func idempotent(seed: Int) {
        let history = Self.history(seed: seed)
        let plan = history.plan()
        let again = history.plan(plan.kept.map(\.item))
        #expect(again.deletions.isEmpty)
        #expect(again.decisions == plan.kept)
    }

    @Test("the newest success of each location is never deleted", arguments: 0..<300)
    func newestSuccessKept(seed: Int) {
        let history = Self.history(seed: seed)
        let plan = history.plan()
        for location in RetentionItem.Location.allCases {
            let successes = history.items.filter { $0.location == location && $0.succeeded }
            guard let newest = successes.max(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) else { continue }
            #expect(plan.kept.contains { $0.item == newest })
        }
    }

    @Test("a history without any success deletes nothing", arguments: 0..<100)
    func allFailedDeletesNothing(seed: Int) {
        let history = Self.history(seed: seed, failedShare: 10)
        #expect(history.items.allSatisfy { !$0.succeeded })
        #expect(history.plan().deletions.isEmpty)
    }

    @Test("every decision gives a reason", arguments: 0..<300)
    func reasonsGiven(seed: Int) {
        let plan = Self.history(seed: seed).plan()
        #expect(plan.decisions.allSatisfy { !$0.reasons.isEmpty })
        #expect(plan.deletions.allSatisfy { !$0.reasons.isEmpty })
    }

    @Test("failed items change nothing for successful ones", arguments: 0..<300)
    func failuresIgnoredByRules(seed: Int) {
        let history = Self.history(seed: seed)
        let withoutFailures = history.plan(history.items.filter(\.succeeded))
        #expect(history.plan().decisions.filter { $0.item.succeeded } == withoutFailures.decisions)
    }

    @Test("each location is planned as if it were the only one", arguments: 0..<300)
    func locationsIndependent(seed: Int) {
        let history = Self.history(seed: seed)
        let plan = history.plan()
        for location in RetentionItem.Location.allCases {
            let alone = history.plan(history.items.filter { $0.location == location })
            #expect(plan.decisions(in: location) == alone.decisions)
        }
    }

    @Test("input order does not matter", arguments: 0..<100)
    func orderIndependent(seed: Int) {
        let history = Self.history(seed: seed)
        var random = SplitMix64(seed: UInt64(seed))
        #expect(history.plan(history.items.shuffled(using: &random)) == history.plan())
        #expect(history.plan(history.items.reversed()) == history.plan())
    }

    @Test("counts and bytes freed add up", arguments: 0..<100)
    func counts(seed: Int) {
        let plan = Self.history(seed: seed).plan()
        #expect(plan.keptCount + plan.deletedCount == plan.decisions.count)
        #expect(plan.kept.count == plan.keptCount)
        #expect(plan.bytesFreed == plan.deletions.reduce(0) { $0 + ($1.item.sizeBytes ?? 0) })
        #expect(plan.deletionsWithoutSize == plan.deletions.filter { $0.item.sizeBytes == nil }.count)
    }
}
