import AsyncHTTPClient
import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresTestSupport
import TestSupport
import Testing

@testable import BackupAPI

extension APIFixture {
    /// PostgreSQL 15 (whose tools are installed where the restore service finds them) and moto S3.
    static var restoreAvailable: Bool { TestServer.available && s3Available }

    /// S3 on the test server through the API, and `bucket` created.
    func configureS3(_ client: APIClient, bucket: String) async throws {
        let put = try await client.send(
            .put, "/api/config/settings", json: #"{"s3": \#(try Self.s3Section(bucket: bucket))}"#)
        #expect(put.status == .ok, "\(put.text)")
        let bucket = try #require(try await services.s3.store(settings: store))
        try await bucket.client.createBucket()
    }

    /// Encryption on with a generated key (fewer iterations to keep tests quick); the passphrase.
    func enableEncryption(_ client: APIClient) async throws -> String {
        let generated = try await client.send(.post, "/api/config/settings/encryption/generate-key")
        let put = try await client.send(.put, "/api/config/settings", json: #"{"encryption": {"iterations": 100000}}"#)
        #expect(put.status == .ok)
        return try #require(try JSONBody(generated)["passphrase"]?.string)
    }

    /// Registers `database` of `server` and backs it up once with the server's own pg_dump (as
    /// `pgbm-cli backup run` does); the file written.
    func backUp(_ database: String, on server: TestServer) async throws -> BackupFile {
        let configured = ConfiguredDatabase(
            name: database, host: try server.host, port: try server.port, database: database, user: "postgres",
            sslMode: .disable)
        let id = try #require(try await store.createDatabase(configured, password: nil).id)
        let locator = ToolLocator(
            configuredPaths: [.pgDump: [try server.tool("pg_dump")], .pgRestore: [try server.tool("pg_restore")]],
            debianRoot: nil,
            searchPath: [])
        let pipeline = BackupPipeline(store: store, locator: locator, s3: services.s3, logger: Self.logger)
        let run = try await ManualBackup(store: store, worker: pipeline, holder: "test", logger: Self.logger).run(
            databaseId: id)
        #expect(run.state == .succeeded, "\(run.error ?? "")")
        let runId = try #require(run.id)
        return try #require(try await store.files(runId: runId).first)
    }
}

extension APIClient {
    /// Polls `GET /api/restore/status/{id}` until the job ended; its last body.
    func waitForRestore(_ id: Int, timeout: Duration = .seconds(90)) async throws -> JSONBody {
        let deadline = ContinuousClock.now + timeout
        while true {
            let response = try await send(.get, "/api/restore/status/\(id)")
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            let state = body["state"]?.string ?? ""
            if ["succeeded", "failed", "cancelled"].contains(state) || ContinuousClock.now > deadline { return body }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// The rows of the test tables, to compare a restored database with its original.
enum RestoredRows {
    static func fingerprint(_ server: TestServer, database: String) async throws -> [String] {
        var result: [String] = []
        for table in ["public.items", "public.audit", "extra.notes"] {
            result.append(
                table + " "
                    + (try await server.psql(
                        "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t",
                        database: database)))
        }
        return result
    }

    static func drop(_ server: TestServer, _ database: String) async {
        _ = try? await server.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }
}
