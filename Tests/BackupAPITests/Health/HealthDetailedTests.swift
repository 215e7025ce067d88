import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Detailed health and metrics")
struct HealthDetailedTests {
    static let canary = "canary-S3-secret-Zq81"

    /// A database with one succeeded run whose local file holds `size` bytes.
    static func addBackedUpDatabase(_ fixture: APIFixture, size: Int64) async throws -> (id: Int64, finishedAt: Date) {
        let store = fixture.store
        let database = try await store.createDatabase(
            ConfiguredDatabase(name: "app", host: "127.0.0.1", database: "app", user: "backup"), password: nil)
        let id = try #require(database.id)
        let run = try await store.createRun(BackupRun(databaseId: id, trigger: .manual))
        let runId = try #require(run.id)
        _ = try await store.transitionRun(id: runId, to: .running, at: Date()) { _ in }
        let finished = try await store.transitionRun(id: runId, to: .succeeded, at: Date()) { $0.sizeBytes = size }
        _ = try await store.addFile(
            BackupFile(
                runId: runId, databaseId: id, fileName: "app_x.dump.zst", localPath: "app/app_x.dump.zst", encrypted: false,
                serverVersion: "15.0", pgDumpVersion: "15.0", sizeBytes: size, sha256: String(repeating: "0", count: 64)))
        return (id, try #require(finished.finishedAt))
    }

    @Test func detailedReportsStoreFolderSchedulerAndDatabases() async throws {
        let fixture = try await APIFixture()
        let (id, _) = try await Self.addBackedUpDatabase(fixture, size: 1234)
        try await fixture.test { client in
            let response = try await client.send(.get, "/api/health/detailed")
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["status"]?.string == "ok")
            #expect(body["store"]?["ok"]?.bool == true)
            let folder = try #require(body["backup_directory"])
            #expect(folder["path"]?.string == fixture.directory.path("backups"))
            #expect(folder["writable"]?.bool == true)
            #expect(folder["used_bytes"]?.int == 1234)
            #expect((folder["free_bytes"]?.int ?? 0) > 0)
            #expect((folder["total_bytes"]?.int ?? 0) >= (folder["free_bytes"]?.int ?? 0))
            #expect(body["scheduler"]?["running"]?.bool == false)
            #expect(body["s3"]?["configured"]?.bool == false)
            let database = try #require(body["databases"]?.array.first)
            #expect(database["id"]?.int == Int(id))
            #expect(database["slug"]?.string == "app")
            #expect(database["last_success_at"]?.string?.hasSuffix("Z") == true)
            #expect((database["age_seconds"]?.int ?? -1) >= 0)
            #expect(database["stale"]?.bool == false)
        }
    }

    @Test func unreachableS3MakesItDegradedWithoutTheSecret() async throws {
        let fixture = try await APIFixture()
        var s3 = S3Settings()
        (s3.enabled, s3.bucket, s3.endpoint, s3.pathStyle, s3.accessKeyId) = (true, "nowhere", "http://127.0.0.1:9", true, "AKIDEXAMPLE")
        try await fixture.store.saveSettings(s3)
        try await fixture.store.setSecret(Secret(Self.canary), for: .s3SecretKey)
        try await fixture.test { client in
            let response = try await client.send(.get, "/api/health/detailed")
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["status"]?.string == "degraded")
            #expect(body["s3"]?["configured"]?.bool == true)
            #expect(body["s3"]?["reachable"]?.bool == false)
            #expect(body["s3"]?["error"]?.string?.isEmpty == false)
            #expect(!String(buffer: response.body).contains(Self.canary))
        }
    }

    @Test func metricsCountRequestsByRoutePatternAndBackupRuns() async throws {
        let fixture = try await APIFixture()
        let (id, _) = try await Self.addBackedUpDatabase(fixture, size: 2048)
        try await fixture.services.metrics.seed(from: fixture.store)
        let job = BackupJob(runId: 1, databaseId: id, scheduleId: nil, trigger: .manual, dueAt: nil)
        fixture.services.metrics.record(.finished(job, .failed("boom"), duration: 3), store: fixture.store)
        try await fixture.test { client in
            _ = try await client.send(.get, "/api/health")
            _ = try await client.send(.get, "/api/config/databases/\(id)")
            var text = ""
            for _ in 0..<50 {
                text = String(buffer: try await client.send(.get, "/metrics").body)
                if text.contains("pgbm_backup_runs_total") { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(text.contains(#"pgbm_build_info{version="\#(BackupAPI.version)"} 1"#))
            #expect(text.contains(#"pgbm_http_requests_total{method="GET",route="/api/health",status="200"} 1"#))
            #expect(text.contains(#"route="/api/config/databases/{id}""#) || text.contains(#"route="/api/config/databases/:id""#))
            #expect(!text.contains(#"route="/api/config/databases/\#(id)""#), "ids never become label values")
            #expect(text.contains(#"pgbm_backup_runs_total{database="app",outcome="failed"} 1"#))
            #expect(text.contains(#"pgbm_backup_last_success_timestamp_seconds{database="app"}"#))
        }
    }
}
