import BackupCore
import Foundation
import TestSupport
import Testing

/// What the zstd compressor writes, the decompressor reads back, in any chunking, level and thread count.
@Suite("zstd round trips", .timeLimit(.minutes(1)))
struct ZstdRoundTripTests {
    @Test(
        "sizes from empty to several MiB round-trip in random chunks", arguments: [0, 1, 131_071, 131_073, 5_242_883])
    func sizes(count: Int) throws {
        // Given dump-like data of this size
        let data = CompressionFixture.dumpLike(count: count, seed: UInt64(count))
        // When it is compressed with two workers and decompressed, both fed in random chunks
        let compressed = try CompressionFixture.compress(data, workers: 2, seed: 10)
        let restored = try CompressionFixture.decompress(compressed, seed: 20)
        // Then the bytes come back, in a frame that starts with zstd's magic number
        #expect(restored == data)
        #expect(Array(compressed.prefix(4)) == Zstd.magic)
        if count > 100_000 { #expect(compressed.count < count / 2) }
    }

    @Test("levels 1, 3 and 19 with and without workers", arguments: [1, 3, 19], [0, 2])
    func levelsAndWorkers(level: Int, workers: Int) throws {
        // Given 600 kB of dump-like text (level 19 manages about 1 MB/s on it)
        let data = CompressionFixture.dumpLike(count: 600_000, seed: 7)
        // When it is compressed at this level and thread count
        let compressor = try ZstdCompressor(level: level, workers: workers)
        #expect(compressor.level == level && compressor.workers == workers)
        let compressed = try CompressionFixture.compress(data, level: level, workers: workers, seed: UInt64(level))
        // Then it decompresses to the same bytes
        #expect(try CompressionFixture.decompress(compressed) == data)
    }

    @Test("several zstd jobs in flight with two workers", arguments: [1, 3])
    func multipleJobs(level: Int) throws {
        // Given 12 MiB, which is 6 jobs at level 1 and 2 at level 3
        let data = CompressionFixture.dump12MiB
        // When two workers compress it
        let compressed = try CompressionFixture.compress(data, level: level, workers: 2, seed: 3)
        // Then the jobs come back in order, and the ratio is that of text
        #expect(try CompressionFixture.decompress(compressed) == data)
        #expect(compressed.count < data.count / 2)
    }

    @Test("incompressible data grows by less than 0.1 %")
    func incompressible() throws {
        let data = CompressionFixture.randomBytes(count: 1 << 20, seed: 5)
        let compressed = try CompressionFixture.compress(data, workers: 2)
        #expect(compressed.count < data.count + data.count / 1000)
        #expect(try CompressionFixture.decompress(compressed) == data)
    }

    @Test("frames carry a content checksum")
    func checksumFlag() throws {
        // Frame header descriptor (byte 4), bit 2: Content_Checksum_flag (RFC 8878 §3.1.1.1.1)
        for workers in [0, 2] {
            let compressed = try CompressionFixture.compress(Array("hello".utf8), workers: workers)
            #expect(compressed[4] & 0b100 != 0)
        }
    }

    @Test("input after finish starts a second frame; both decode as one stream")
    func concatenatedFrames() throws {
        // Given a compressor that finished one frame
        let first = CompressionFixture.dumpLike(count: 200_000, seed: 1)
        let second = CompressionFixture.dumpLike(count: 300_000, seed: 2)
        var compressor = try ZstdCompressor(workers: 0)
        var compressed = try compressor.compress(first) + compressor.finish()
        // When it compresses more
        compressed += try compressor.compress(second) + compressor.finish()
        // Then the decompressor counts two frames and returns both inputs
        var decompressor = try ZstdDecompressor()
        let restored = try decompressor.decompress(compressed)
        try decompressor.finish()
        #expect(restored == first + second)
        #expect(decompressor.frames == 2)
    }

    @Test("Data, slices and raw buffers are accepted")
    func inputTypes() throws {
        let data = CompressionFixture.dumpLike(count: 100_000, seed: 9)
        var compressor = try ZstdCompressor(workers: 0)
        var compressed = try compressor.compress(Data(data[..<30_000]))
        compressed += try compressor.compress(data[30_000..<60_000])
        compressed += try data[60_000...].withUnsafeBytes { bytes throws(BackupError) in
            try compressor.compress(bytes)
        }
        compressed += try compressor.finish()
        #expect(try CompressionFixture.decompress(compressed) == data)
    }

    @Test("default workers are the processor count, and this libzstd is multi-threaded")
    func defaultWorkers() throws {
        #expect(Zstd.supportsMultithreading, "libzstd \(Zstd.libraryVersion) was built without ZSTD_MULTITHREAD")
        let compressor = try ZstdCompressor()
        #expect(compressor.level == 3)
        #expect(compressor.requestedWorkers == ProcessInfo.processInfo.activeProcessorCount)
        #expect(compressor.workers == compressor.requestedWorkers)
    }
}
