@testable import BackupStorage
import AsyncHTTPClient
import Foundation
import TestSupport
import Testing

/// What the upload's checksums catch, and how it reads the file.
@Suite("S3 upload integrity", .enabled(if: S3Fixture.available, "run Scripts/test"), .timeLimit(.minutes(3)))
struct S3IntegrityTests {
    @Test("every checksum mode uploads single and multipart objects that pass the check after upload", arguments: [
        S3Configuration.Checksum.crc32c, .sha256, .md5,
    ])
    func checksumModes(checksum: S3Configuration.Checksum) async throws {
        let dir = try TemporaryDirectory()
        var configuration = try S3Fixture.configuration()
        configuration.checksum = checksum
        let client = try await S3Fixture.client(configuration)
        for size in [3 << 20, 12 << 20 + 5] {
            let (path, sha256) = try S3Fixture.file(size: size, in: dir, name: "\(size).bin")
            let info = try await client.upload(file: path, key: "modes/\(size).bin")
            #expect(info.size == Int64(size))
            #expect(try await client.download(key: "modes/\(size).bin", to: dir.path("\(size).out")).sha256 == sha256)
        }
    }

    @Test("a byte flipped on its way to the server fails the upload as an integrity error")
    func corruptedInTransit() async throws {
        // moto stores a damaged part as sent (it checks no part checksum; S3 would refuse the part with
        // BadDigest and pgbm would send it again), but computes the object's composite CRC32C from the
        // stored bytes: the check after the upload must catch it.
        let dir = try TemporaryDirectory()
        let (path, _) = try S3Fixture.file(size: 12 << 20, in: dir)
        let direct = try S3Fixture.configuration()
        let directClient = try await S3Fixture.client(direct)
        // One part at a time, so requests pass the proxy in order: byte 7 MiB is inside part 2's body.
        let proxy = try CuttingProxy(target: S3FaultTests.target(), flipUpstreamByte: 7 << 20)
        var configuration = try S3Fixture.configuration(endpoint: proxy.endpoint, bucket: direct.bucket)
        configuration.parallelParts = 1
        let viaProxy = try S3Client(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        let error = await #expect(throws: StorageError.self) {
            try await viaProxy.upload(file: path, key: "integrity/flipped.bin")
        }
        #expect(error?.code == .integrity)
        #expect(error?.message.contains("x-amz-checksum-crc32c") == true, "\(error?.message ?? "")")
        // The same file through the same proxy, now relaying untouched, passes.
        try await viaProxy.upload(file: path, key: "integrity/flipped.bin")
        #expect(try await directClient.listMultipartUploads().isEmpty)
    }

    @Test("the parts are read through a fixed set of blocks, however many parts the file has")
    func blocksAreReused() async throws {
        let dir = try TemporaryDirectory()
        let (path, sha256) = try S3Fixture.file(size: 41 << 20, in: dir)
        let configuration = try S3Fixture.configuration()
        let client = try await S3Fixture.client(configuration)
        let pool = BlockPool()
        try await client.upload(file: path, key: "blocks/file.bin", blocks: pool)
        #expect(try await client.download(key: "blocks/file.bin", to: dir.path("out")).sha256 == sha256)
        // 9 parts of 5 blocks each; 4 parts in flight hold 2 blocks each.
        let fixedSet = configuration.parallelParts * PartBlocks.depth
        #expect(pool.allocations <= fixedSet + configuration.parallelParts, "allocated \(pool.allocations) blocks")
    }

    @Test("over HTTPS bodies go unsigned with their checksum; over HTTP they are also signed with their SHA-256")
    func payloadSigning() throws {
        var configuration = try S3Fixture.configuration()
        let http = try S3Client(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        #expect(http.partNeeds == .init(crc32c: true, sha256: true, md5: false))
        configuration.endpoint = URL(string: "https://s3.example.com")
        let https = try S3Client(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        #expect(https.partNeeds == .init(crc32c: true, sha256: false, md5: false))
        configuration.checksum = .sha256
        let sha = try S3Client(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        #expect(sha.partNeeds == .init(crc32c: false, sha256: true, md5: false))
    }
}
