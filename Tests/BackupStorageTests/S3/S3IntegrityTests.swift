@testable import BackupStorage
import AsyncHTTPClient
import Foundation
import TestSupport
import Testing

/// What the upload's checksums catch, and how it reads the file.
@Suite("S3 upload integrity", .enabled(if: S3Fixture.available, "run Scripts/test"), .timeLimit(.minutes(3)))
struct S3IntegrityTests {
    @Test("every checksum mode, signed and unsigned, uploads objects that pass the check after upload", arguments: [
        (S3Configuration.Checksum.crc32c, S3Configuration.PayloadSigning.automatic), (.crc32c, .always), (.sha256, .never),
        (.md5, .always), (.md5, .never),
    ])
    func checksumModes(checksum: S3Configuration.Checksum, signing: S3Configuration.PayloadSigning) async throws {
        let dir = try TemporaryDirectory()
        var configuration = try S3Fixture.configuration()
        configuration.checksum = checksum
        configuration.payloadSigning = signing
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
        // 9 parts of 5 blocks, each block read twice (hash, send): 90 reads. 4 parts in flight hold 2
        // blocks each; a block still shared with a write NIO has not finished is copied instead of
        // reused, which happens a few times, depending on timing.
        let fixedSet = configuration.parallelParts * PartBlocks.depth
        #expect(pool.allocations >= fixedSet)
        #expect(pool.allocations <= 90 / 2, "allocated \(pool.allocations) blocks for 90 reads")
    }

    @Test("bodies are signed with their SHA-256 only over plain HTTP to another machine, unless configured")
    func payloadSigning() throws {
        func needs(_ endpoint: String, _ signing: S3Configuration.PayloadSigning = .automatic, _ checksum: S3Configuration.Checksum = .crc32c) throws -> PartDigest.Needs {
            var configuration = try S3Fixture.configuration(endpoint: endpoint)
            configuration.payloadSigning = signing
            configuration.checksum = checksum
            return try S3Client(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger).partNeeds
        }
        let crcOnly = PartDigest.Needs(crc32c: true, sha256: false, md5: false)
        let crcSigned = PartDigest.Needs(crc32c: true, sha256: true, md5: false)
        #expect(try needs("http://minio.lan:9000") == crcSigned)
        #expect(try needs("http://10.0.0.7:9000") == crcSigned)
        #expect(try needs("https://s3.example.com") == crcOnly)
        #expect(try needs("http://127.0.0.1:9000") == crcOnly)
        #expect(try needs("http://localhost:9000") == crcOnly)
        #expect(try needs("http://[::1]:9000") == crcOnly)
        #expect(try needs("http://127.0.0.1:9000", .always) == crcSigned)
        #expect(try needs("http://minio.lan:9000", .never) == crcOnly)
        #expect(try needs("https://s3.example.com", .automatic, .sha256) == .init(crc32c: false, sha256: true, md5: false))
        #expect(try needs("http://minio.lan:9000", .automatic, .md5) == .init(crc32c: false, sha256: true, md5: true))
    }
}
