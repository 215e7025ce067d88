import AsyncHTTPClient
import BackupStorage
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PostgresTestSupport
import TestSupport
import Testing

/// The whole first session over HTTP against the built server, PostgreSQL 15 and the signature-checking
/// S3 server: setup → database → connection test → S3, encryption and alerts → schedule → run → files →
/// download → restore from S3 into a new database → identical rows. Its secrets are canaries searched
/// for everywhere afterwards (``CanarySearch``).
@Suite("End to end over HTTP", .serialized, .timeLimit(.minutes(4)), .enabled(if: TestServer.available))
struct EndToEndTests {
    static let server = TestServer(major: 15)
    static let canary = "canary-E2E-Pa55-7c1d"
    static let smtpCanary = "canary-E2E-smtp-91fe"
    static let webhookCanary = "canary-E2E-hook-5b20"
    static let http = S3Client.makeHTTPClient()

    /// A new bucket on the test S3 server.
    static func makeBucket() async throws -> String {
        let name = "pgbm-e2e-\(UUID().uuidString.prefix(8).lowercased())"
        let credentials = SigV4Credentials(
            accessKeyId: try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"), secretAccessKey: try TestServices.value("PGBM_TEST_S3_SECRET_KEY"))
        let configuration = S3Configuration(
            bucket: name, region: "us-east-1", credentials: credentials, endpoint: URL(string: try TestServices.value("PGBM_TEST_S3_ENDPOINT")),
            addressing: .pathStyle)
        try await S3Client(configuration: configuration, httpClient: http, logger: Logger(label: "e2e")).createBucket()
        return name
    }

    @Test func firstSessionBacksUpDownloadsAndRestores() async throws {
        let bucket = try await Self.makeBucket()
        try await Self.server.withRole(password: Self.canary) { role in
            try await Self.server.withDatabase(rows: 5_000) { source in
                let restored = "pgbm_e2e_restored_\(UInt32.random(in: 0...UInt32.max))"
                defer { Task { _ = try? await Self.server.psql("DROP DATABASE IF EXISTS \(restored) WITH (FORCE)") } }
                // (its temporary folder is its own, so what it leaves there is seen)
                let directory = try TemporaryDirectory()
                try FileManager.default.createDirectory(atPath: directory.path("tmp"), withIntermediateDirectories: false)
                let process = try ServerProcess(environment: ["TMPDIR": directory.path("tmp")], directory: directory)
                try process.start()
                defer { process.stop() }
                _ = try #require(try await process.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(process.log)")
                let recorder = try await Session(api: process.admin())
                let search = try CanarySearch(folder: process.directory.path("wrappers"), binDirectory: try Self.server.binDirectory)
                try await Self.useWrappers(recorder, search)
                try await Self.configureAlerts(recorder)
                let passphrase = try await Self.walk(recorder, process: process, bucket: bucket, role: role, source: source, restored: restored)
                for path in ["/api/audit?limit=500", "/api/config/databases", "/api/backups", "/api/restore/jobs", "/api/config/settings"] {
                    #expect(try await recorder.send(.GET, path).status == 200, "\(path)")
                }
                #expect(try await process.terminate(timeout: .seconds(30)) == 0)
                try Self.expectNoCanary(recorder, process: process, search: search, passphrase: passphrase, databases: [source, restored])
            }
        }
    }

    /// The session's walk; returns the generated passphrase (shown once, in the answer not recorded).
    @discardableResult
    static func walk(_ api: Session, process: ServerProcess, bucket: String, role: String, source: String, restored: String) async throws -> String {
        // Add the database with its password, test the connection
        let databaseId = try await api.caller.addDatabase(name: "app", server: server, database: source, user: role, password: canary)
        let test = try await api.send(.POST, "/api/config/databases/\(databaseId)/test")
        #expect(test.json["ok"] as? Bool == true, "\(test.text)")
        #expect(test.json["server_major_version"] as? Int == 15)
        // S3 (no key prefix: moto's signature check refuses a listing whose prefix holds "/", which the
        // connection test sends) and encryption
        let s3 = try await api.send(
            .PUT, "/api/config/settings",
            json: #"{"s3": {"enabled": true, "bucket": "\#(bucket)", "region": "us-east-1", "endpoint": "\#(try TestServices.value("PGBM_TEST_S3_ENDPOINT"))", "#
                + #""path_style": true, "access_key_id": "\#(try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"))", "#
                + #""secret_key": "\#(try TestServices.value("PGBM_TEST_S3_SECRET_KEY"))"}}"#)
        #expect(s3.status == 200, "\(s3.text)")
        #expect(!s3.text.contains(try TestServices.value("PGBM_TEST_S3_SECRET_KEY")))
        #expect(try await api.send(.POST, "/api/config/settings/s3/test").json["ok"] as? Bool == true)
        // (the one answer that shows the passphrase is not recorded: it is searched for everywhere else)
        let key = try await api.caller.call(.POST, "/api/config/settings/encryption/generate-key")
        #expect(key.status == 201 && key.json["encryption_enabled"] as? Bool == true, "\(key.text)")
        let passphrase = try #require(key.json["passphrase"] as? String)
        // A schedule, run now, until it succeeded
        let schedule = try await api.send(
            .POST, "/api/schedules", json: #"{"database_id": \#(databaseId), "cron": "0 3 * * *", "timezone": "Europe/Berlin"}"#)
        #expect(schedule.status == 201, "\(schedule.text)")
        #expect(schedule.json["next_run_at"] as? String != nil)
        let scheduleId = try #require(schedule.json["id"] as? Int)
        let started = try await api.send(.POST, "/api/schedules/\(scheduleId)/run")
        #expect(started.status == 202, "\(started.text)")
        let run = try await api.caller.waitForRun(try #require(started.json["run_id"] as? Int))
        #expect(run["state"] as? String == "succeeded", "\(run)")
        // The file: listed, in S3, downloaded byte for byte
        let files = try await api.send(.GET, "/api/backups/files?database_id=\(databaseId)")
        let file = try #require((files.json["items"] as? [[String: Any]])?.first, "\(files.text)")
        let name = try #require(file["name"] as? String)
        #expect(name.hasSuffix(".dump.zst.enc"))
        #expect(file["in_s3"] as? Bool == true)
        let download = try await api.caller.call(.GET, "/api/backups/files/\(name)/download")
        #expect(download.status == 200)
        let stored = try Data(contentsOf: URL(fileURLWithPath: process.directory.path("backups") + "/" + (file["local_path"] as? String ?? "")))
        #expect(Data(download.body.readableBytesView) == stored)
        // Restore from S3 into a new database, followed until it succeeded
        let catalog = try await api.send(.GET, "/api/restore/s3-backups?database=app")
        let entry = try #require((catalog.json["items"] as? [[String: Any]])?.first { ($0["file_name"] as? String) == name }, "\(catalog.text)")
        let restore = try await api.send(
            .POST, "/api/restore/from-s3",
            json: #"{"key": "\#(try #require(entry["key"] as? String))", "target": {"connection": {"host": "\#(try server.host)", "port": \#(try server.port), "#
                + #""user": "postgres", "database": "postgres", "ssl_mode": "disable"}}, "database": "\#(restored)", "create": true, "count_rows": true, "#
                + #""passphrase": "\#(passphrase)"}"#)
        #expect(restore.status == 202, "\(restore.text)")
        let jobId = try #require(restore.json["job_id"] as? Int)
        let job = try await api.caller.poll("/api/restore/status/\(jobId)") { ["succeeded", "failed", "cancelled"].contains($0["state"] as? String ?? "") }
        #expect(job.json["state"] as? String == "succeeded", "\(job.text)")
        // Then the restored rows are the source's rows
        #expect(try await server.itemsDigest(database: restored) == server.itemsDigest(database: source))
        return passphrase
    }
}

/// An admin's API caller that keeps the text of every answer (to search it for secrets).
final class Session: @unchecked Sendable {
    // @unchecked: used by one test task at a time.
    let caller: HTTPCaller
    private(set) var transcript = ""

    init(api: HTTPCaller) { caller = api }

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> HTTPCaller.Reply {
        let reply = try await caller.call(method, path, json: json)
        transcript += "\(reply.status)\n\(reply.headers)\n\(reply.text)\n"
        return reply
    }
}
