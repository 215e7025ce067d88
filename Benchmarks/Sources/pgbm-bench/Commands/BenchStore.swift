import ArgumentParser
import BackupRepository
import Foundation
import Logging

extension PgbmBench {
    struct BenchStore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "List pages of backup runs and audit events in a store holding 100,000 of each.",
            discussion: "Measures the first page and a deep cursor page (past half the rows), p50/p99 over the repetitions.")

        @Option(help: "Rows of each kind.") var rows = 100_000
        @Option(help: "Queries per measurement.") var queries = 1000
        @Option(help: "Rows per page.") var pageSize = 50
        @Option(help: "Folder for the scratch store (removed afterwards).") var dir = NSTemporaryDirectory()

        func run() async throws {
            let work = URL(fileURLWithPath: dir).appendingPathComponent("pgbm-bench-store-\(getpid())").path
            defer { try? FileManager.default.removeItem(atPath: work) }
            let store = try SQLiteStore.open(dataDirectory: work, environment: [:], logger: Logger(label: "pgbm.bench"))
            let database = try await store.createDatabase(
                ConfiguredDatabase(name: "bench", host: "localhost", database: "bench", user: "bench"), password: nil)
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            let runs = (0..<rows).map { index in
                var run = BackupRun(databaseId: database.id!, trigger: .schedule, queuedAt: start.addingTimeInterval(Double(index) * 60))
                run.state = index % 50 == 0 ? .failed : .succeeded
                run.sizeBytes = 1 << 30
                run.checksum = String(repeating: "ab", count: 32)
                return run
            }
            let events = (0..<rows).map { index in
                AuditEvent(
                    at: start.addingTimeInterval(Double(index)), actorKind: .scheduler, actor: "scheduler", action: "backup.run",
                    targetType: "database", targetId: "\(database.id!)", outcome: .success, details: #"{"size":1073741824}"#)
            }
            let empty = try await store.checkpointedSize()
            try await store.bulkInsert(runs: runs, events: [])
            let withRuns = try await store.checkpointedSize()
            try await store.bulkInsert(runs: [], events: events)
            let withEvents = try await store.checkpointedSize()
            let deepRuns = try await cursor(after: rows / 2) { try await store.runs(databaseId: nil, state: nil, limit: pageSize, cursor: $0).nextCursor }
            let deepEvents = try await cursor(after: rows / 2) { try await store.events(AuditFilter(), limit: pageSize, cursor: $0).nextCursor }
            var lines = ["pgbm bench store: \(rows) backup runs and \(rows) audit events, pages of \(pageSize), \(queries) queries each"]
            lines.append(try await measure("runs, first page") { _ = try await store.runs(databaseId: nil, state: nil, limit: pageSize, cursor: nil) })
            lines.append(try await measure("runs, deep page") { _ = try await store.runs(databaseId: nil, state: nil, limit: pageSize, cursor: deepRuns) })
            lines.append(try await measure("runs of one database, failed") { _ = try await store.runs(databaseId: database.id, state: .failed, limit: pageSize, cursor: nil) })
            lines.append(try await measure("audit, first page") { _ = try await store.events(AuditFilter(), limit: pageSize, cursor: nil) })
            lines.append(try await measure("audit, deep page") { _ = try await store.events(AuditFilter(), limit: pageSize, cursor: deepEvents) })
            lines.append(try await measure("audit, by action, deep") { _ = try await store.events(AuditFilter(action: "backup.run"), limit: pageSize, cursor: deepEvents) })
            lines.append(String(
                format: "database file: %.1f MiB per %d runs, %.1f MiB per %d audit events (checkpointed, indexes included)",
                Double(withRuns - empty) / 1_048_576, rows, Double(withEvents - withRuns) / 1_048_576, rows))
            print(lines.joined(separator: "\n"))
        }

        /// The cursor after `count` rows, by paging through.
        func cursor(after count: Int, _ page: (String?) async throws -> String?) async throws -> String? {
            var cursor: String?
            for _ in 0..<(count / pageSize) { cursor = try await page(cursor) }
            return cursor
        }

        func measure(_ name: String, _ body: () async throws -> Void) async throws -> String {
            var samples: [Double] = []
            for _ in 0..<queries {
                let start = ContinuousClock.now
                try await body()
                samples.append((ContinuousClock.now - start).seconds * 1000)
            }
            samples.sort()
            let p50 = samples[samples.count / 2]
            let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
            return name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "p50 %.3f ms  p99 %.3f ms", p50, p99)
        }
    }
}
