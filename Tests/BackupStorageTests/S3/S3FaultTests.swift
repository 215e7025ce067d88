import AsyncHTTPClient
import BackupStorage
import Foundation
import TestSupport
import Testing

/// Dropped connections, injected at a real TCP proxy between the client and moto.
@Suite("S3 through a failing network", .enabled(if: S3Fixture.available, "run Scripts/test"), .timeLimit(.minutes(3)))
struct S3FaultTests {
    static func target() throws -> String {
        try S3Fixture.endpoint(.authenticated).replacingOccurrences(of: "http://", with: "")
    }

    @Test("an upload completes through retries when connections are cut")
    func uploadSurvivesCuts() async throws {
        let dir = try TemporaryDirectory()
        let (path, sha256) = try S3Fixture.file(size: 12 << 20, in: dir)
        let direct = try S3Fixture.configuration()
        let directClient = try await S3Fixture.client(direct)
        // The first three connections are cut after 1 MB sent: parts are interrupted and retried.
        let proxy = try CuttingProxy(target: Self.target(), cutAfterBytes: 1_000_000, cuts: 3, direction: "upstream")
        let (logger, log) = RecordingLogHandler.logger()
        let viaProxy = try S3Client(
            configuration: S3Fixture.configuration(endpoint: proxy.endpoint, bucket: direct.bucket),
            httpClient: S3Fixture.httpClient, logger: logger)
        try await viaProxy.upload(file: path, key: "faults/upload.bin")
        #expect(log.messages.contains { $0.hasPrefix("S3 request failed, retrying") && $0.contains("upload parts") })
        let downloaded = try await directClient.download(key: "faults/upload.bin", to: dir.path("check"))
        #expect(downloaded.sha256 == sha256)
        #expect(try await directClient.listMultipartUploads().isEmpty)
    }

    @Test("a download resumes where a cut connection stopped")
    func downloadResumes() async throws {
        let dir = try TemporaryDirectory()
        let (path, sha256) = try S3Fixture.file(size: 8 << 20, in: dir)
        let direct = try S3Fixture.configuration()
        try await S3Fixture.client(direct).upload(file: path, key: "faults/download.bin")
        let proxy = try CuttingProxy(target: Self.target(), cutAfterBytes: 3_000_000, cuts: 2, direction: "downstream")
        let viaProxy = try S3Client(
            configuration: S3Fixture.configuration(endpoint: proxy.endpoint, bucket: direct.bucket),
            httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        let downloaded = try await viaProxy.download(key: "faults/download.bin", to: dir.path("out"))
        #expect(downloaded.sha256 == sha256)
        #expect(downloaded.size == 8 << 20)
        #expect(downloaded.resumes >= 1)
    }

    @Test("with the network down for good, the upload fails clearly and leaves no parts behind")
    func uploadFailsAndAborts() async throws {
        let dir = try TemporaryDirectory()
        let (path, _) = try S3Fixture.file(size: 12 << 20, in: dir)
        let direct = try S3Fixture.configuration()
        let directClient = try await S3Fixture.client(direct)
        // Every connection is cut after 100 KB sent: small requests pass, part bodies never do.
        let proxy = try CuttingProxy(target: Self.target(), cutAfterBytes: 100_000, cuts: -1, direction: "upstream")
        var configuration = try S3Fixture.configuration(endpoint: proxy.endpoint, bucket: direct.bucket)
        configuration.retry.maxAttempts = 3
        let (logger, log) = RecordingLogHandler.logger()
        let viaProxy = try S3Client(configuration: configuration, httpClient: S3Fixture.httpClient, logger: logger)
        let error = await #expect(throws: StorageError.self) {
            try await viaProxy.upload(file: path, key: "faults/never.bin")
        }
        #expect(error?.code == .unreachable)
        #expect(error?.message.contains("cannot reach S3 endpoint") == true)
        // The upload had been created (small requests pass the proxy) and was aborted.
        #expect(log.messages.contains { $0.hasPrefix("aborted a failed multipart upload") && $0.contains("faults/never.bin") })
        #expect(try await directClient.listMultipartUploads().isEmpty)
        #expect(try await directClient.head(key: "faults/never.bin") == nil)
    }
}
