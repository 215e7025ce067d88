import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Databases: audit of changes")
struct DatabaseAuditTests {
    static let canary = "canary-Audit-Pa55-91c2"

    @Test func createUpdateDeleteAreAuditedWithTheCallerAndNoPassword() async throws {
        let fixture = try await APIFixture()
        let id = try await fixture.test { client in
            let id = try await client.createDatabase(name: "app", password: Self.canary)
            let updated = try await client.send(
                .put, "/api/config/databases/\(id)",
                json: #"{"name": "app", "host": "db2.internal", "database": "app", "user": "backup", "password": "\#(Self.canary)x"}"#)
            #expect(updated.status == .ok)
            #expect(try await client.send(.delete, "/api/config/databases/\(id)").status == .noContent)
            return id
        }
        let events = try await fixture.store.events(AuditFilter(), limit: 50, cursor: nil).items
            .filter { $0.action.hasPrefix("database.") }
        #expect(Set(events.map(\.action)) == ["database.create", "database.update", "database.delete"])
        for event in events {
            #expect(event.targetType == "database")
            #expect(event.targetId == String(id))
            #expect(event.actorKind == .token, "made with the fixture's API token")
            #expect(event.actor.hasPrefix("admin-"))
            #expect(event.outcome == .success)
            #expect(!event.details.contains(Self.canary))
        }
        // The same details as `pgbm-cli db edit` records (one use case): the changed fields, old and new,
        // and what happened to the password, never the password itself
        let update = try #require(events.first { $0.action == "database.update" }).details
        #expect(update.contains(#""password":"replaced""#))
        #expect(update.contains(#""host":{"from":"#), "the changed host, old and new: \(update)")
        #expect(!update.contains(#""name":{"from""#), "an unchanged field is not listed")
    }
}
