import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Backups: the list with 100,000 runs")
struct BackupRunListScaleTests {
    @Test func filteredAndDeepPagesAnswer() async throws {
        // Given 100,000 runs of 10 databases, one every minute, every 7th failed
        let fixture = try await APIFixture()
        var seeded: [Int64] = []
        for index in 0..<10 { seeded.append(try await fixture.seedDatabase("db\(index)")) }
        let databases = seeded
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        let runs = (0..<100_000).map { index in
            var run = BackupRun(databaseId: databases[index % 10], trigger: .schedule, queuedAt: base.addingTimeInterval(Double(index) * 60))
            run.state = index % 7 == 0 ? .failed : .succeeded
            run.startedAt = run.queuedAt
            run.finishedAt = run.queuedAt.addingTimeInterval(30)
            return run
        }
        try await #require(fixture.store as? SQLiteStore).bulkInsert(runs: runs, events: [])
        try await fixture.test { client in
            let queries = [
                "/api/backups?limit=500", "/api/backups?database_id=\(databases[3])&state=failed",
                "/api/backups?state=failed&since=2023-11-20T00:00:00Z&until=2023-11-25T00:00:00Z",
                "/api/backups?until=2023-11-15T00:00:00Z&limit=100", "/api/backups?database_id=\(databases[9])&cursor=\(String(50, radix: 36))",
            ]
            for query in queries {
                // When each list is read, then it answers with items (its speed is measured by Benchmarks/api.sh)
                let response = try await client.send(.get, query)
                #expect(response.status == .ok)
                #expect(try JSONBody(response)["items"]?.array.isEmpty == false, "\(query)")
            }
            // And the filters hold: failed runs of one database in a window, newest first
            let page = try JSONBody(try await client.send(.get, "/api/backups?database_id=\(databases[3])&state=failed&limit=5"))
            let ids = page["items"]?.array.compactMap { $0["id"]?.int } ?? []
            #expect(ids == ids.sorted(by: >))
            #expect(ids.allSatisfy { ($0 - 1) % 10 == 3 && ($0 - 1) % 7 == 0 })
        }
    }
}
