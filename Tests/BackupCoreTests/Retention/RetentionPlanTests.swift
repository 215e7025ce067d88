import BackupCore
import Foundation
import TestSupport
import Testing

/// The plan as a preview: deletions with reasons, counts and bytes freed.
@Suite("Retention plan")
struct RetentionPlanTests {
    typealias F = RetentionFixture

    /// Four local backups (the oldest two deleted, one of unknown size) and one S3 backup.
    static func plan() throws -> RetentionPlan {
        let items = try [
            F.item("2026-11-01T02:00:00Z", size: 100), F.item("2026-11-02T02:00:00Z"),
            F.item("2026-11-03T02:00:00Z", size: 300), F.item("2026-11-04T02:00:00Z", size: 400),
            F.item("2026-11-01T02:00:00Z", location: .s3, size: 100),
        ]
        return Retention.plan(
            items, policy: RetentionPolicy(keepLast: 2), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-05T00:00:00Z"))
    }

    @Test("deletions list the items to delete with their reasons, newest first")
    func deletions() throws {
        let plan = try Self.plan()
        #expect(plan.deletions.map(\.item.id) == ["app_20261102T020000Z.dump", "app_20261101T020000Z.dump"])
        #expect(plan.deletions.allSatisfy { $0.reasons == ["not kept by the policy"] && !$0.keep })
    }

    @Test("counts and bytes freed summarise the plan")
    func counts() throws {
        let plan = try Self.plan()
        #expect(plan.keptCount == 3)
        #expect(plan.deletedCount == 2)
        #expect(plan.kept.count == 3)
        #expect(plan.bytesFreed == 100)
        #expect(plan.deletionsWithoutSize == 1)
    }

    @Test("decisions can be listed per location")
    func perLocation() throws {
        let plan = try Self.plan()
        #expect(plan.decisions(in: .local).count == 4)
        #expect(plan.decisions(in: .s3).map(\.reasons) == [["keep-last 1", "newest success"]])
    }

    @Test("an empty list gives an empty plan")
    func empty() throws {
        let plan = Retention.plan(
            [], policy: RetentionPolicy(daily: 1), timeZone: try F.zone("UTC"), now: try F.date("2026-11-05T00:00:00Z"))
        #expect(plan.decisions.isEmpty)
        #expect(plan.bytesFreed == 0)
    }

    @Test("any input order gives the walk order: location, newest first, then greater id", arguments: 0..<20)
    func walkOrder(seed: UInt64) throws {
        // Given times across three centuries (before 1970 too), fractional seconds, -0 and +0, and ties
        var random = SplitMix64(seed: seed)
        var items: [RetentionItem] = []
        for index in 0..<2000 {
            let seconds =
                index % 50 == 0
                ? [0.0, -0.0, 1.5, -1.5][index / 50 % 4]
                : Double(Int64(random.next() % 9_000_000_000) - 4_000_000_000) + Double(random.next() % 1000) / 1000
            let createdAt =
                index % 7 == 0 && !items.isEmpty
                ? items[items.count / 2].createdAt : Date(timeIntervalSince1970: seconds)
            items.append(
                RetentionItem(
                    id: "i\(random.next() % 100_000)-\(index)", createdAt: createdAt, succeeded: true,
                    location: random.next() % 3 == 0 ? .s3 : .local))
        }
        // When planned with a policy that keeps everything
        let plan = Retention.plan(
            items.shuffled(using: &random), policy: RetentionPolicy(), timeZone: try F.zone("UTC"), now: .distantFuture)
        // Then decisions come local first, each newest first, equal times by descending id
        let expected = items.sorted {
            ($0.location == .local ? 0 : 1, -$0.createdAt.timeIntervalSince1970, $1.id)
                < ($1.location == .local ? 0 : 1, -$1.createdAt.timeIntervalSince1970, $0.id)
        }
        #expect(plan.decisions.map(\.item.id) == expected.map(\.id))
    }

    @Test("out-of-range dates neither trap nor fill buckets out of order")
    func extremeDates() throws {
        let items = [Date.distantPast, Date(timeIntervalSince1970: -.infinity), Date(timeIntervalSince1970: .nan)]
            .enumerated().map {
                RetentionItem(id: "odd_\($0.offset)", createdAt: $0.element, succeeded: true, location: .local)
            }
        let plan = Retention.plan(
            items + [try F.item("2026-11-04T02:00:00Z")], policy: RetentionPolicy(keepLast: 1),
            timeZone: try F.zone("Europe/Berlin"), now: try F.date("2026-11-05T00:00:00Z"))
        #expect(plan.kept.map(\.item.id) == ["app_20261104T020000Z.dump"])
        #expect(plan.deletedCount == 3)
    }
}
