import AsyncHTTPClient
import BackupStorage
import Foundation
import TestSupport
import Testing

@Suite("S3 round trips", .enabled(if: S3Fixture.available, "run Scripts/test"), .timeLimit(.minutes(5)))
struct S3RoundTripTests {
    @Test("files of every size come back byte-identical, single and multipart", arguments: [0, 1, 5 << 20, 200 << 20])
    func roundTrip(size: Int) async throws {
        // Given a file and a bucket on the server that checks signatures
        let dir = try TemporaryDirectory()
        let (path, sha256) = try S3Fixture.file(size: size, in: dir)
        let configuration = try S3Fixture.configuration()
        let store = try S3Store(configuration: configuration, httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        try await store.client.createBucket()
        let key = try ObjectKey("app/app_20261126T020000Z.dump.zst.enc")
        // When it is uploaded and downloaded
        let stored = try await store.put(file: path, as: key)
        let downloaded = try await store.get(key, to: dir.path("downloaded"))
        // Then size and SHA-256 match, and the object is where the prefix says
        #expect(stored.size == Int64(size))
        #expect(downloaded.size == Int64(size))
        #expect(downloaded.sha256 == sha256)
        #expect(try await store.client.head(key: "pgbm/app/app_20261126T020000Z.dump.zst.enc")?.size == Int64(size))
        #expect(FileManager.default.contentsEqual(atPath: path, andPath: dir.path("downloaded")))
        #expect(!FileManager.default.fileExists(atPath: dir.path("downloaded.partial")))
        #expect(try await store.client.listMultipartUploads().isEmpty)
    }

    @Test("keys with spaces, + = ~ ( ) and non-ASCII characters round-trip", arguments: [
        "db/with space.dump", "db/plus+sign.dump", "db/equals=sign.dump", "db/tilde~.dump", "db/(parens).dump",
        "db/ünïcødé-漢字.dump", "db/mixed (1)+=~ ä.dump",
    ])
    func trickyKeys(name: String) async throws {
        let dir = try TemporaryDirectory()
        let (path, sha256) = try S3Fixture.file(size: 1000, in: dir)
        let store = try S3Store(configuration: S3Fixture.configuration(.unauthenticated), httpClient: S3Fixture.httpClient, logger: S3Fixture.logger)
        try await store.client.createBucket()
        let key = try ObjectKey(name)
        _ = try await store.put(file: path, as: key)
        #expect(try await store.list(prefix: "db/").map(\.key) == [key])
        #expect(try await store.get(key, to: dir.path("out")).sha256 == sha256)
        try await store.delete(key)
        #expect(try await store.stat(key) == nil)
    }

    @Test("listing more than 1,000 keys follows every page")
    func listingPages() async throws {
        let configuration = try S3Fixture.configuration(.unauthenticated)
        let client = try await S3Fixture.client(configuration)
        let dir = try TemporaryDirectory()
        let (path, _) = try S3Fixture.file(size: 1, in: dir)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in stride(from: worker, to: 1_005, by: 8) {
                        try await client.upload(file: path, key: String(format: "many/%05d", index))
                    }
                }
            }
            try await group.waitForAll()
        }
        let keys = try await client.list(prefix: "many/").map(\.key)
        #expect(keys.count == 1_005)
        #expect(keys == (0..<1_005).map { String(format: "many/%05d", $0) })
        #expect(try await client.list(prefix: "many/", pageSize: 100).count == 1_005)
        #expect(try await client.delete(keys: keys).isEmpty)
        #expect(try await client.list(prefix: "many/").isEmpty)
    }
}
