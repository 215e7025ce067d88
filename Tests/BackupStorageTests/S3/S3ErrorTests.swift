import AsyncHTTPClient
import BackupStorage
import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("S3 errors an operator can act on", .enabled(if: S3Fixture.available, "run Scripts/test"), .timeLimit(.minutes(2)))
struct S3ErrorTests {
    func connectionError(_ configuration: S3Configuration) async throws -> StorageError? {
        let store = try S3Store(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        return await #expect(throws: StorageError.self) { try await store.testConnection() }
    }

    @Test("the right credentials and an existing bucket pass the connection test")
    func goodConnection() async throws {
        let configuration = try S3Fixture.configuration(prefix: "")
        _ = try await S3Fixture.client(configuration)
        let store = try S3Store(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        try await store.testConnection()
    }

    @Test("a wrong secret key is reported as bad credentials, without the secret")
    func wrongSecret() async throws {
        let good = try S3Fixture.configuration()
        _ = try await S3Fixture.client(good)
        let wrongSecret = "wrong-secret-\(UUID().uuidString)"
        let error = try await connectionError(try S3Fixture.configuration(secret: wrongSecret, bucket: good.bucket, prefix: ""))
        #expect(error?.code == .badCredentials)
        #expect(error?.message.contains("SignatureDoesNotMatch") == true)
        #expect(error?.message.contains(wrongSecret) == false)
        #expect(error?.message.contains(try TestServices.value("PGBM_TEST_S3_ACCESS_KEY")) == false)
    }

    @Test("an unknown access key is reported as bad credentials")
    func unknownAccessKey() async throws {
        var configuration = try S3Fixture.configuration(prefix: "")
        configuration.credentials = SigV4Credentials(accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x")
        let error = try await connectionError(configuration)
        #expect(error?.code == .badCredentials)
    }

    @Test("a missing bucket is reported as such")
    func missingBucket() async throws {
        let error = try await connectionError(try S3Fixture.configuration(bucket: "pgbm-test-does-not-exist", prefix: ""))
        #expect(error?.code == .bucketMissing)
        #expect(error?.message.contains("pgbm-test-does-not-exist") == true)
    }

    @Test("an endpoint nobody listens on is unreachable")
    func unreachableEndpoint() async throws {
        var configuration = try S3Fixture.configuration(endpoint: "http://127.0.0.1:\(try FreePort.next())")
        configuration.retry.maxAttempts = 2
        let error = try await connectionError(configuration)
        #expect(error?.code == .unreachable)
        #expect(error?.message.contains("cannot reach S3 endpoint http://127.0.0.1:") == true)
    }

    @Test("the three failures have different codes and messages")
    func failuresAreDistinct() async throws {
        let good = try S3Fixture.configuration()
        _ = try await S3Fixture.client(good)
        var unreachable = try S3Fixture.configuration(endpoint: "http://127.0.0.1:\(try FreePort.next())")
        unreachable.retry.maxAttempts = 1
        let errors = [
            try await connectionError(try S3Fixture.configuration(secret: "wrong", bucket: good.bucket, prefix: "")),
            try await connectionError(try S3Fixture.configuration(bucket: "pgbm-test-missing-bucket", prefix: "")),
            try await connectionError(unreachable),
        ]
        #expect(Set(errors.compactMap { $0?.code }).count == 3)
        #expect(Set(errors.compactMap { $0?.message }).count == 3)
    }

    @Test("invalid configuration names the field", arguments: [
        ("Bad_Bucket", "s3.bucket"), ("ok-bucket", "s3.prefix"),
    ])
    func invalidConfiguration(bucket: String, field: String) throws {
        var configuration = try S3Fixture.configuration(bucket: bucket)
        if field == "s3.prefix" { configuration.prefix = "/leading" }
        let error = #expect(throws: StorageError.self) { try configuration.validate() }
        #expect(error?.code == .configuration)
        #expect(error?.message.hasPrefix(field) == true, "\(error?.message ?? "")")
    }
}

@Suite("S3 errors from real connections", .enabled(if: S3Fixture.available, "run Scripts/test"), .timeLimit(.minutes(2)))
struct S3ConnectionErrorTests {
    @Test("speaking TLS to a plain-HTTP server is a TLS failure")
    func tlsFailure() async throws {
        let plain = try S3Fixture.endpoint(.authenticated)
        var configuration = try S3Fixture.configuration(endpoint: plain.replacingOccurrences(of: "http://", with: "https://"), prefix: "")
        configuration.retry.maxAttempts = 1
        let store = try S3Store(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        let error = await #expect(throws: StorageError.self) { try await store.testConnection() }
        #expect(error?.code == .tls, "\(error?.message ?? "")")
    }

    // moto answers presigned (query-authenticated) requests on the authenticated server with HTTP 500,
    // botocore's own included; the signatures are proven against botocore in SigV4DifferentialTests, and
    // here the URL is checked on the wire against the server without authentication.
    @Test("a presigned URL downloads the object without credentials")
    func presignedGet() async throws {
        let dir = try TemporaryDirectory()
        let (path, _) = try S3Fixture.file(size: 1000, in: dir)
        let configuration = try S3Fixture.configuration(.unauthenticated)
        let client = try await S3Fixture.client(configuration)
        try await client.upload(file: path, key: "pgbm/pre signed+(1).bin")
        let url = client.presignedGetURL(key: "pgbm/pre signed+(1).bin", expires: 300)
        #expect(url.absoluteString.contains("X-Amz-Signature="))
        #expect(url.absoluteString.contains("X-Amz-Expires=300"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(data == (try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
