import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Audit log: filters, newest first, cursor")
struct AuditRoutesTests {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    /// Six events: alice and the scheduler, two actions, one failure, one per hour.
    static func seed(_ fixture: APIFixture) async throws {
        let events: [(AuditEvent.ActorKind, String, String, String?, AuditEvent.Outcome)] = [
            (.user, "alice", "database.create", "1", .success), (.scheduler, "scheduler", "schedule.missed", "3", .failure),
            (.user, "alice", "schedule.create", "3", .success), (.user, "bob", "database.create", "2", .success),
            (.token, "ci", "backup.run", "7", .success), (.user, "alice", "backup.run", "8", .denied),
        ]
        for (index, event) in events.enumerated() {
            let target = event.2.split(separator: ".").first.map(String.init)
            try await fixture.store.append(
                AuditEvent(
                    at: base.addingTimeInterval(Double(index) * 3600), actorKind: event.0, actor: event.1, action: event.2,
                    targetType: target == "backup" ? "backup_run" : target, targetId: event.3, outcome: event.4,
                    details: #"{"note": "n\#(index)", "count": \#(index)}"#))
        }
    }

    @Test(arguments: [
        ("", [5, 4, 3, 2, 1, 0]), ("actor=alice", [5, 2, 0]), ("action=database.create", [3, 0]), ("target_type=schedule", [2, 1]),
        ("target_type=schedule&target_id=3", [2, 1]), ("outcome=failure", [1]), ("outcome=denied", [5]),
        ("since=2026-09-21T16:00:00Z", [5, 4, 3, 2]), ("until=2026-09-21T16:13:20Z", [1, 0]),
        ("actor=alice&since=2026-09-21T15:00:00Z&until=2026-09-21T19:00:00Z", [2]),
    ])
    func filtersNarrowTheList(query: String, expected: [Int]) async throws {
        let fixture = try await APIFixture()
        try await Self.seed(fixture)
        try await fixture.test { client in
            let page = try JSONBody(try await client.send(.get, "/api/audit?\(query)"))
            let notes = page["items"]?.array.compactMap { $0["details"]?["note"]?.string } ?? []
            #expect(notes == expected.map { "n\($0)" })
        }
    }

    @Test func eventsCarryTheirFieldsAndDetailsAsAnObject() async throws {
        let fixture = try await APIFixture()
        try await Self.seed(fixture)
        try await fixture.test { client in
            let first = try #require(try JSONBody(try await client.send(.get, "/api/audit?limit=1"))["items"]?.array.first)
            #expect(first["actor"]?.string == "alice")
            #expect(first["actor_kind"]?.string == "user")
            #expect(first["action"]?.string == "backup.run")
            #expect(first["target_type"]?.string == "backup_run")
            #expect(first["target_id"]?.string == "8")
            #expect(first["outcome"]?.string == "denied")
            #expect(first["at"]?.string == "2026-09-21T19:13:20Z")
            #expect(first["details"]?["count"]?.int == 5)
        }
    }

    @Test func aCursorWalksAllPages() async throws {
        let fixture = try await APIFixture()
        try await Self.seed(fixture)
        try await fixture.test { client in
            var notes: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try JSONBody(try await client.send(.get, "/api/audit?limit=4" + (cursor.map { "&cursor=\($0)" } ?? "")))
                notes += page["items"]?.array.compactMap { $0["details"]?["note"]?.string } ?? []
                cursor = page["next_cursor"]?.string
                pages += 1
            } while cursor != nil && pages < 5
            #expect(notes == (0..<6).reversed().map { "n\($0)" })
            #expect(pages == 2)
        }
    }

    @Test(arguments: [("since=today", "since"), ("until=1", "until"), ("outcome=ok", "outcome"), ("limit=501", "limit")])
    func malformedFiltersAre422(query: String, field: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(try await client.send(.get, "/api/audit?\(query)"), status: .unprocessableContent, code: "invalid", field: field)
        }
    }
}
