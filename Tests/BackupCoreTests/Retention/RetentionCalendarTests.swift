import BackupCore
import Foundation
import Testing

/// Bucket labels agree with Foundation's calendars over decades, in zones with unusual rules.
@Suite("Retention calendar")
struct RetentionCalendarTests {
    @Test(
        "daily and monthly labels match Foundation's calendar, 1965-2040",
        arguments: [
            "UTC", "Europe/Berlin", "America/St_Johns", "America/Santiago", "Australia/Lord_Howe", "Pacific/Apia",
            "Pacific/Chatham", "Asia/Kolkata", "Europe/Moscow", "America/Sao_Paulo",
        ])
    func dailyLabels(zoneIdentifier: String) throws {
        // Given a backup every 25 to 26 hours, so no two share a local day
        let zone = try RetentionFixture.zone(zoneIdentifier)
        let start = try RetentionFixture.date("1965-01-01T00:00:00Z").timeIntervalSince1970
        let end = try RetentionFixture.date("2040-01-01T00:00:00Z").timeIntervalSince1970
        var items: [RetentionItem] = []
        var time = start
        while time < end {
            items.append(
                RetentionItem(
                    id: "b\(items.count)", createdAt: Date(timeIntervalSince1970: time), succeeded: true,
                    location: .local))
            time += 90_000 + Double((items.count * 7919) % 3600)
        }
        // When every day is kept
        let plan = Retention.plan(
            items, policy: RetentionPolicy(daily: items.count), timeZone: zone, now: Date(timeIntervalSince1970: end))
        // Then each backup's day is the one Foundation computes in that zone
        #expect(plan.kept.count == items.count)
        let mismatches = plan.decisions.filter { decision in
            decision.reasons.first != "daily \(RetentionReference.label("daily", decision.item.createdAt, zone))"
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map { ($0.item.createdAt, $0.reasons) })")
    }

    @Test("ISO week labels match Foundation's ISO-8601 calendar for every week, 1900-2100")
    func isoWeeks() throws {
        // Given one backup at noon UTC every day for two centuries
        let utc = try RetentionFixture.zone("UTC")
        let start = try RetentionFixture.date("1900-01-01T12:00:00Z").timeIntervalSince1970
        let items = (0..<73_049).map {
            RetentionItem(
                id: "d\($0)", createdAt: Date(timeIntervalSince1970: start + Double($0) * 86_400), succeeded: true,
                location: .local)
        }
        // When every week is kept
        let plan = Retention.plan(
            items, policy: RetentionPolicy(weekly: items.count), timeZone: utc,
            now: try RetentionFixture.date("2101-01-01T00:00:00Z"))
        // Then each week is kept once, by its Sunday (or the last day), with Foundation's week label
        let kept = plan.kept
        #expect(kept.count == 10_436)
        let mismatches = kept.filter { decision in
            decision.reasons.first != "weekly \(RetentionReference.label("weekly", decision.item.createdAt, utc))"
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map { ($0.item.createdAt, $0.reasons) })")
    }
}
