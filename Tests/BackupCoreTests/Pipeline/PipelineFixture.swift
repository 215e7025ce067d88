import AsyncHTTPClient
import BackupCore
import BackupDump
import BackupRepository
import BackupStorage
import Foundation
import Logging
import PostgresTestSupport
import TestSupport
import Testing

/// A store in a temporary folder configured for real backups of a test server's databases: its own
/// pg_dump/pg_restore, optionally encryption and uploads to the signature-checking moto S3 server.
struct PipelineFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let server: TestServer
    let http: HTTPClientBox
    static let passphrase = "pipeline test passphrase ✓"
    static let logger = Logger(label: "pgbm.test.pipeline") { _ in SwiftLogNoOpLogHandler() }

    static var available: Bool {
        TestServer.available && TestServices.available("PGBM_TEST_S3_ENDPOINT", "PGBM_TEST_S3_ACCESS_KEY", "PGBM_TEST_S3_SECRET_KEY")
    }

    init(server: TestServer, encrypted: Bool, bucket: String?) async throws {
        directory = try TemporaryDirectory()
        self.server = server
        store = try SQLiteStore.open(dataDirectory: directory.path("data"), environment: [:], logger: Self.logger)
        _ = try await store.initializeInstallation(backupDirectory: directory.path("backups"))
        http = HTTPClientBox()
        if encrypted {
            try await store.setSecret(Secret(Self.passphrase), for: .passphrase("p1"))
            var encryption = EncryptionSettings()
            (encryption.enabled, encryption.activePassphraseId, encryption.iterations) = (true, "p1", 100_000)
            encryption.passphrases = [.init(id: "p1", createdAt: Date())]
            try await store.saveSettings(encryption)
        }
        if let bucket { try await configureS3(bucket: bucket) }
    }

    func configureS3(bucket: String) async throws {
        var s3 = S3Settings()
        (s3.enabled, s3.bucket, s3.endpoint, s3.pathStyle) = (true, bucket, try TestServices.value("PGBM_TEST_S3_ENDPOINT"), true)
        (s3.accessKeyId, s3.prefix, s3.partSizeMiB) = (try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"), "pgbm", 5)
        try await store.saveSettings(s3)
        try await store.setSecret(Secret(try TestServices.value("PGBM_TEST_S3_SECRET_KEY")), for: .s3SecretKey)
        try await s3Store().client.createBucket()
    }

    func s3Store() async throws -> S3Store {
        try #require(try await S3Connector(httpClient: http.client, logger: Self.logger).store(settings: store))
    }

    /// Registers `database` of the test server.
    func addDatabase(_ database: String) async throws -> Int64 {
        let configured = ConfiguredDatabase(
            name: database, host: try server.host, port: try server.port, database: database, user: "postgres", sslMode: .disable)
        return try #require(try await store.createDatabase(configured, password: nil).id)
    }

    /// The pipeline with this server's own pg_dump and pg_restore.
    func pipeline(logger: Logger = Self.logger) throws -> BackupPipeline {
        let locator = ToolLocator(
            configuredPaths: [.pgDump: [try server.tool("pg_dump")], .pgRestore: [try server.tool("pg_restore")]],
            debianRoot: nil, searchPath: [])
        return BackupPipeline(
            store: store, locator: locator, s3: S3Connector(httpClient: http.client, logger: logger), logger: logger)
    }

    /// Backs the database up once, as `pgbm-cli backup run` does.
    func backUp(_ databaseId: Int64) async throws -> BackupRun {
        try await ManualBackup(store: store, worker: try pipeline(), holder: "test", logger: Self.logger).run(databaseId: databaseId)
    }

    func shutdown() async {
        try? await http.client.shutdown()
    }
}

/// The HTTP client the fixture's S3 store uses.
final class HTTPClientBox: Sendable {
    let client = S3Client.makeHTTPClient()
}
