import AsyncHTTPClient
import BackupStorage
import Crypto
import Foundation
import Logging
import TestSupport

/// Buckets, clients and files for the S3 tests, against the moto servers `Scripts/test` starts.
enum S3Fixture {
    static let logger = Logger(label: "pgbm.test.s3") { _ in SwiftLogNoOpLogHandler() }
    /// One client for the whole test process, configured as pgbm configures it.
    static let httpClient = S3Client.makeHTTPClient()

    enum Server {
        /// Signature checking on: credentials and error tests.
        case authenticated
        /// No checking: keys moto's own signature check gets wrong.
        case unauthenticated
    }

    static var available: Bool {
        TestServices.available("PGBM_TEST_S3_ENDPOINT", "PGBM_TEST_S3_ACCESS_KEY", "PGBM_TEST_S3_NOAUTH_ENDPOINT")
    }

    static func endpoint(_ server: Server) throws -> String {
        try TestServices.value(server == .authenticated ? "PGBM_TEST_S3_ENDPOINT" : "PGBM_TEST_S3_NOAUTH_ENDPOINT")
    }

    /// A configuration for a fresh bucket name on `server`, with fast retries.
    /// moto 5.2's signature check is wrong for `/` in query values, so listings with a prefix fail on the
    /// authenticated server; tests that list there use `prefix: ""`.
    static func configuration(
        _ server: Server = .authenticated, endpoint: String? = nil, secret: String? = nil, bucket: String? = nil,
        prefix: String = "pgbm"
    ) throws -> S3Configuration {
        let credentials = server == .authenticated
            ? SigV4Credentials(
                accessKeyId: try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"),
                secretAccessKey: try secret ?? TestServices.value("PGBM_TEST_S3_SECRET_KEY"))
            : SigV4Credentials(accessKeyId: "AKIANOAUTH", secretAccessKey: "no-auth-secret")
        var configuration = S3Configuration(
            bucket: bucket ?? "pgbm-test-\(UUID().uuidString.prefix(8).lowercased())", region: "us-east-1",
            credentials: credentials, endpoint: URL(string: try endpoint ?? Self.endpoint(server)),
            addressing: .pathStyle, prefix: prefix)
        configuration.retry.baseDelay = .milliseconds(20)
        configuration.retry.maxDelay = .milliseconds(200)
        configuration.partSize = 5 << 20
        return configuration
    }

    /// A client for `configuration` whose bucket exists.
    static func client(_ configuration: S3Configuration) async throws -> S3Client {
        let client = try S3Client(configuration: configuration, httpClient: S3Fixture.httpClient, logger: logger)
        try await client.createBucket()
        return client
    }

    /// Writes `size` pseudo-random bytes and returns the path and their SHA-256.
    static func file(size: Int, in directory: TemporaryDirectory, name: String = "upload.bin") throws -> (path: String, sha256: String) {
        var generator = SystemRandomNumberGenerator()
        var block = [UInt8](repeating: 0, count: min(size, 1 << 20))
        for index in block.indices { block[index] = UInt8.random(in: 0...255, using: &generator) }
        let path = directory.path(name)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var hasher = SHA256()
        var left = size
        var counter: UInt8 = 0
        while left > 0 {
            block[0] = counter
            counter &+= 1
            let piece = Data(block.prefix(left))
            try handle.write(contentsOf: piece)
            hasher.update(data: piece)
            left -= piece.count
        }
        try handle.close()
        return (path, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
