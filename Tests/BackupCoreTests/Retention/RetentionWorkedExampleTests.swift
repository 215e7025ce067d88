import BackupCore
import Foundation
import TestSupport
import Testing

/// The example from RETENTION.md: a year of daily backups under daily 7 / weekly 4 / monthly 12.
@Suite("Retention worked example")
struct RetentionWorkedExampleTests {
    /// One backup at 02:00 UTC every day from 2025-11-27 through 2026-11-26 (365 files of 1000 bytes),
    /// handed over in a shuffled order.
    static func plan() throws -> RetentionPlan {
        let items = try RetentionFixture.daily(from: "2025-11-27", through: "2026-11-26", size: 1000)
        var random = SplitMix64(seed: 2026)
        return Retention.plan(
            items.shuffled(using: &random), policy: RetentionPolicy(daily: 7, weekly: 4, monthly: 12),
            timeZone: try RetentionFixture.zone("UTC"), now: try RetentionFixture.date("2026-11-26T12:00:00Z"))
    }

    @Test("a year of daily backups keeps 7 days, 4 ISO weeks and 12 months")
    func keepsExpectedFiles() throws {
        // Given a year of daily backups, When planned, Then exactly these days survive, newest first:
        // the last 7 days; the Sundays ending W47, W46, W45 (W48's newest is 11-26, W47's is 11-22,
        // already kept as days); the last day of each of the 12 most recent months (November's is 11-26).
        let plan = try Self.plan()
        #expect(
            RetentionFixture.days(plan.kept) == [
                "2026-11-26", "2026-11-25", "2026-11-24", "2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20",
                "2026-11-15", "2026-11-08",
                "2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30", "2026-05-31",
                "2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31", "2025-12-31",
            ])
        #expect(plan.keptCount == 20)
        #expect(plan.deletedCount == 345)
        #expect(plan.bytesFreed == 345_000)
        #expect(plan.deletionsWithoutSize == 0)
    }

    @Test(
        "kept files say which buckets they fill",
        arguments: [
            ("2026-11-26", ["daily 2026-11-26", "weekly 2026-W48", "monthly 2026-11", "newest success"]),
            ("2026-11-22", ["daily 2026-11-22", "weekly 2026-W47"]),
            ("2026-11-20", ["daily 2026-11-20"]),
            ("2026-11-15", ["weekly 2026-W46"]),
            ("2026-11-08", ["weekly 2026-W45"]),
            ("2026-10-31", ["monthly 2026-10"]),
            ("2026-02-28", ["monthly 2026-02"]),
            ("2025-12-31", ["monthly 2025-12"]),
        ])
    func keptReasons(day: String, reasons: [String]) throws {
        let decision = try RetentionFixture.decision(try Self.plan(), at: "\(day)T02:00:00Z")
        #expect(decision.keep)
        #expect(decision.reasons == reasons)
    }

    @Test("deleted files say no rule keeps them", arguments: ["2026-11-19", "2026-11-16", "2026-10-30", "2025-11-30"])
    func deletedReasons(day: String) throws {
        let decision = try RetentionFixture.decision(try Self.plan(), at: "\(day)T02:00:00Z")
        #expect(!decision.keep)
        #expect(decision.reasons == ["not kept by the policy"])
    }

    @Test("the plan lists decisions newest first and deletions in the same order")
    func order() throws {
        let plan = try Self.plan()
        let times = plan.decisions.map(\.item.createdAt)
        #expect(times == times.sorted(by: >))
        #expect(RetentionFixture.days(plan.deletions).prefix(3) == ["2026-11-19", "2026-11-18", "2026-11-17"])
        #expect(RetentionFixture.days(plan.deletions).last == "2025-11-27")
    }
}
