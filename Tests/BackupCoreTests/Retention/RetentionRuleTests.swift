import BackupCore
import Foundation
import Testing

/// Each rule on its own, on small hand-checked histories.
@Suite("Retention rules")
struct RetentionRuleTests {
    typealias F = RetentionFixture

    @Test("keep-last alone keeps the N newest successes, numbered")
    func keepLast() throws {
        // Given five successes with a failure between them
        let items =
            try F.daily(from: "2026-11-01", through: "2026-11-05")
            + [try F.item("2026-11-04T12:00:00Z", succeeded: false)]
        // When keep-last 3 is applied
        let plan = Retention.plan(
            items, policy: RetentionPolicy(keepLast: 3), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-06T00:00:00Z"))
        // Then the three newest successes stay; the failure is older than a success and goes
        #expect(F.days(plan.kept) == ["2026-11-05", "2026-11-04", "2026-11-03"])
        #expect(plan.kept.map(\.reasons) == [["keep-last 1", "newest success"], ["keep-last 2"], ["keep-last 3"]])
        #expect(
            try F.decision(plan, at: "2026-11-04T12:00:00Z").reasons == [
                "failed, superseded by a newer successful backup"
            ])
        #expect(F.days(plan.deletions) == ["2026-11-04", "2026-11-02", "2026-11-01"])
    }

    @Test("yearly keeps the newest backup of each of the most recent years")
    func yearly() throws {
        // Given a backup on the 15th of every month from 2023 to November 2026
        var items: [RetentionItem] = []
        for year in 2023...2026 {
            for month in 1...(year == 2026 ? 11 : 12) {
                items.append(try F.item(String(format: "%04d-%02d-15T02:00:00Z", year, month)))
            }
        }
        // When yearly 3 is applied
        let plan = Retention.plan(
            items, policy: RetentionPolicy(yearly: 3), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-20T00:00:00Z"))
        // Then 2026's newest, and December of 2025 and 2024 stay
        #expect(F.days(plan.kept) == ["2026-11-15", "2025-12-15", "2024-12-15"])
        #expect(plan.kept.map(\.reasons) == [["yearly 2026", "newest success"], ["yearly 2025"], ["yearly 2024"]])
    }

    @Test(
        "weekly buckets are ISO-8601 weeks of the week-numbering year",
        arguments: [
            ("2026-12-28", "2026-W53"), ("2026-12-31", "2026-W53"), ("2027-01-01", "2026-W53"),
            ("2027-01-03", "2026-W53"), ("2027-01-04", "2027-W01"), ("2024-12-29", "2024-W52"),
            ("2024-12-30", "2025-W01"), ("2020-12-31", "2020-W53"), ("2021-01-03", "2020-W53"),
            ("2008-12-29", "2009-W01"), ("2010-01-03", "2009-W53"), ("2026-01-01", "2026-W01"),
        ])
    func isoWeekLabel(day: String, week: String) throws {
        let plan = Retention.plan(
            [try F.item("\(day)T12:00:00Z")], policy: RetentionPolicy(weekly: 1), timeZone: try F.zone("UTC"),
            now: try F.date("2030-01-01T00:00:00Z"))
        #expect(plan.decisions.first?.reasons == ["weekly \(week)", "newest success"])
    }

    @Test("2026-12-31 and 2027-01-01 share ISO week 2026-W53, so weekly keeps only the newer")
    func isoWeekAcrossYearBoundary() throws {
        // Given backups from Tuesday 2026-12-29 to Monday 2027-01-04
        let items = try F.daily(from: "2026-12-29", through: "2027-01-04")
        // When weekly 2 is applied
        let plan = Retention.plan(
            items, policy: RetentionPolicy(weekly: 2), timeZone: try F.zone("UTC"),
            now: try F.date("2027-01-05T00:00:00Z"))
        // Then Monday starts 2027-W01; Sunday 2027-01-03 is the newest of 2026-W53
        #expect(F.days(plan.kept) == ["2027-01-04", "2027-01-03"])
        #expect(plan.kept.map(\.reasons) == [["weekly 2027-W01", "newest success"], ["weekly 2026-W53"]])
    }

    @Test("the retention time zone decides the calendar day")
    func timeZoneDecidesDay() throws {
        // Given backups at 12:00Z on 03-09, 22:00Z and 23:30Z on 03-10 (23:00 and 00:30 next day in Berlin)
        let items = try ["2026-03-09T12:00:00Z", "2026-03-10T22:00:00Z", "2026-03-10T23:30:00Z"].map { try F.item($0) }
        let now = try F.date("2026-03-12T00:00:00Z")
        let policy = RetentionPolicy(daily: 2)
        // When planned in UTC, Then both March 10 backups share one day
        let utc = Retention.plan(items, policy: policy, timeZone: try F.zone("UTC"), now: now)
        #expect(utc.kept.map(\.reasons) == [["daily 2026-03-10", "newest success"], ["daily 2026-03-09"]])
        #expect(utc.kept.map(\.item.id) == [items[2].id, items[0].id])
        // When planned in Berlin, Then 23:30Z counts for March 11 and the March 9 backup falls out
        let berlin = Retention.plan(items, policy: policy, timeZone: try F.zone("Europe/Berlin"), now: now)
        #expect(berlin.kept.map(\.reasons) == [["daily 2026-03-11", "newest success"], ["daily 2026-03-10"]])
        #expect(berlin.kept.map(\.item.id) == [items[2].id, items[1].id])
    }

    @Test(
        "calendar buckets follow the zone, daylight saving time included",
        arguments: [
            ("Europe/Berlin", "2026-10-31T23:30:00Z", "daily 2026-11-01", "monthly 2026-11"),
            ("Europe/Berlin", "2026-03-28T23:30:00Z", "daily 2026-03-29", "monthly 2026-03"),
            ("Europe/Berlin", "2026-03-29T21:30:00Z", "daily 2026-03-29", "monthly 2026-03"),
            ("Europe/Berlin", "2026-03-29T22:30:00Z", "daily 2026-03-30", "monthly 2026-03"),
            ("America/New_York", "2026-12-01T03:00:00Z", "daily 2026-11-30", "monthly 2026-11"),
            ("Asia/Kolkata", "2026-12-31T18:45:00Z", "daily 2027-01-01", "monthly 2027-01"),
            ("Pacific/Chatham", "2026-06-30T11:00:00Z", "daily 2026-06-30", "monthly 2026-06"),
            ("Pacific/Chatham", "2026-06-30T12:00:00Z", "daily 2026-07-01", "monthly 2026-07"),
            ("UTC", "2026-10-31T23:30:00Z", "daily 2026-10-31", "monthly 2026-10"),
        ])
    func zoneBuckets(zone: String, instant: String, day: String, month: String) throws {
        let plan = Retention.plan(
            [try F.item(instant)], policy: RetentionPolicy(daily: 1, monthly: 1), timeZone: try F.zone(zone),
            now: try F.date("2030-01-01T00:00:00Z"))
        #expect(plan.decisions.first?.reasons == [day, month, "newest success"])
    }

    @Test("a clock turned back across midnight does not fill a day twice")
    func clockBackAcrossMidnight() throws {
        // Given St. John's on 2010-11-07, when daylight saving time ended at 00:01 (back to 23:01 the
        // day before): 02:30:30Z is 00:00:30 on 11-07, the newer 03:00Z is 23:30 on 11-06
        let items = try ["2010-11-06T12:00:00Z", "2010-11-07T02:30:30Z", "2010-11-07T03:00:00Z"].map { try F.item($0) }
        // When daily 3 is applied
        let plan = Retention.plan(
            items, policy: RetentionPolicy(daily: 3), timeZone: try F.zone("America/St_Johns"),
            now: try F.date("2010-11-08T00:00:00Z"))
        // Then each local day is kept once, by its newest backup
        #expect(
            plan.decisions.map(\.reasons) == [
                ["daily 2010-11-06", "newest success"], ["daily 2010-11-07"], ["not kept by the policy"],
            ])
    }

    @Test("failed runs never fill a bucket and are deleted only below a newer success")
    func failuresInterleaved() throws {
        // Given, newest first: failed 11-10 and 11-09, ok 11-08, failed 11-07, ok 11-06, 11-05, 11-04
        let failed: Set = ["app_20261110T020000Z.dump", "app_20261109T020000Z.dump", "app_20261107T020000Z.dump"]
        let items = try F.daily(from: "2026-11-04", through: "2026-11-10").map { item in
            var item = item
            item.succeeded = !failed.contains(item.id)
            return item
        }
        // When daily 3 is applied
        let plan = Retention.plan(
            items, policy: RetentionPolicy(daily: 3), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-11T00:00:00Z"))
        // Then the three newest successful days are kept, not the three newest days
        #expect(F.days(plan.kept) == ["2026-11-10", "2026-11-09", "2026-11-08", "2026-11-06", "2026-11-05"])
        #expect(
            plan.kept.map(\.reasons) == [
                ["failed, no newer success"], ["failed, no newer success"], ["daily 2026-11-08", "newest success"],
                ["daily 2026-11-06"], ["daily 2026-11-05"],
            ])
        #expect(
            plan.deletions.map(\.reasons) == [
                ["failed, superseded by a newer successful backup"], ["not kept by the policy"],
            ])
    }

    @Test("months of failing jobs delete nothing that the last good months would keep")
    func monthsOfFailures() throws {
        // Given daily successes from 2025-11-01 to 2026-01-31, then only failures until 2026-11-26
        let good = try F.daily(from: "2025-11-01", through: "2026-01-31")
        let bad = try F.daily(from: "2026-02-01", through: "2026-11-26", succeeded: false)
        // When daily 7 / weekly 4 / monthly 3 is applied on 2026-11-26
        let plan = Retention.plan(
            good + bad, policy: RetentionPolicy(daily: 7, weekly: 4, monthly: 3), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-26T12:00:00Z"))
        // Then the last good week and the weekly/monthly picks before it survive, and every failure is kept
        let keptSuccesses = plan.kept.filter(\.item.succeeded)
        #expect(
            F.days(keptSuccesses) == [
                "2026-01-31", "2026-01-30", "2026-01-29", "2026-01-28", "2026-01-27", "2026-01-26", "2026-01-25",
                "2026-01-18", "2026-01-11", "2025-12-31", "2025-11-30",
            ])
        #expect(
            keptSuccesses.first?.reasons == [
                "daily 2026-01-31", "weekly 2026-W05", "monthly 2026-01", "newest success",
            ])
        #expect(plan.kept.filter { !$0.item.succeeded }.count == bad.count)
        #expect(plan.deletions.allSatisfy { $0.item.succeeded })
    }

    @Test("local and S3 copies are planned separately")
    func locationsSeparately() throws {
        // Given ten local backups and an S3 bucket holding only the three oldest of them
        let local = try F.daily(from: "2026-11-01", through: "2026-11-10")
        let s3 = try F.daily(from: "2026-11-01", through: "2026-11-03", location: .s3)
        // When keep-last 2 is applied to both at once
        let plan = Retention.plan(
            s3 + local, policy: RetentionPolicy(keepLast: 2), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-11T00:00:00Z"))
        // Then each location keeps its own two newest, and local decisions come first
        #expect(plan.decisions.map(\.item.location) == Array(repeating: .local, count: 10) + [.s3, .s3, .s3])
        #expect(F.days(plan.decisions(in: .local).filter(\.keep)) == ["2026-11-10", "2026-11-09"])
        #expect(F.days(plan.decisions(in: .s3).filter(\.keep)) == ["2026-11-03", "2026-11-02"])
        #expect(plan.decisions(in: .s3).first?.reasons == ["keep-last 1", "newest success"])
    }

    @Test("items dated after now are kept and consume no bucket")
    func futureItems() throws {
        // Given two past successes and, through clock skew, a success and a failure after now
        let items = try [
            F.item("2026-11-08T02:00:00Z"), F.item("2026-11-09T02:00:00Z"),
            F.item("2026-11-10T03:00:00Z"), F.item("2026-11-12T02:00:00Z", succeeded: false),
        ]
        // When keep-last 1 / daily 1 is applied at 2026-11-10T01:00Z
        let plan = Retention.plan(
            items, policy: RetentionPolicy(keepLast: 1, daily: 1), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-10T01:00:00Z"))
        // Then the future items are kept as such, and the rules start at the newest past backup
        #expect(
            plan.decisions.map(\.reasons) == [
                ["newer than now"], ["newer than now"], ["keep-last 1", "daily 2026-11-09", "newest success"],
                ["not kept by the policy"],
            ])
    }

    @Test("a backup exactly at now is not in the future")
    func backupAtNow() throws {
        let item = try F.item("2026-11-10T01:00:00Z")
        let plan = Retention.plan(
            [item], policy: RetentionPolicy(daily: 1), timeZone: try F.zone("UTC"), now: item.createdAt)
        #expect(plan.decisions.first?.reasons == ["daily 2026-11-10", "newest success"])
    }

    @Test("without any success nothing is deleted")
    func noSuccess() throws {
        let items = try F.daily(from: "2026-01-01", through: "2026-03-01", succeeded: false)
        let plan = Retention.plan(
            items, policy: RetentionPolicy(keepLast: 1), timeZone: try F.zone("UTC"),
            now: try F.date("2026-11-11T00:00:00Z"))
        #expect(plan.deletions.isEmpty)
        #expect(plan.kept.allSatisfy { $0.reasons == ["failed, no newer success"] })
    }

    @Test("a policy without rules keeps everything")
    func emptyPolicy() throws {
        let items =
            try F.daily(from: "2026-01-01", through: "2026-01-10")
            + [try F.item("2025-12-31T00:00:00Z", succeeded: false)]
        let plan = Retention.plan(
            items, policy: RetentionPolicy(), timeZone: try F.zone("UTC"), now: try F.date("2026-11-11T00:00:00Z"))
        #expect(plan.deletions.isEmpty)
        #expect(plan.kept.allSatisfy { $0.reasons == ["policy has no rules"] })
    }

    @Test("the newest success survives a policy that keeps nothing else")
    func newestSuccessAlwaysKept() throws {
        // Given three backups in one ISO week, and keep-last -2 (acts as 0) with weekly 1
        let items = try F.daily(from: "2026-01-01", through: "2026-01-03")
        let plan = Retention.plan(
            items, policy: RetentionPolicy(keepLast: -2, weekly: 1), timeZone: try F.zone("UTC"),
            now: try F.date("2026-01-10T00:00:00Z"))
        #expect(F.days(plan.kept) == ["2026-01-03"])
        #expect(plan.kept.first?.reasons == ["weekly 2026-W01", "newest success"])
    }

    @Test("equal timestamps are ordered by id, whatever the input order", arguments: [false, true])
    func ties(reversed: Bool) throws {
        let date = try F.date("2026-11-10T02:00:00Z")
        let items = ["app_b", "app_a", "app_c"].map {
            RetentionItem(id: $0, createdAt: date, succeeded: true, location: .local)
        }
        let plan = Retention.plan(
            reversed ? items.reversed() : items, policy: RetentionPolicy(keepLast: 2), timeZone: try F.zone("UTC"),
            now: date)
        #expect(plan.decisions.map(\.item.id) == ["app_c", "app_b", "app_a"])
        #expect(plan.kept.map(\.item.id) == ["app_c", "app_b"])
    }
}
