import BackupCore
import Foundation
import TestSupport
import Testing

/// Bad settings, cut and damaged input each fail with their own error and a sentence naming the problem.
@Suite("zstd failures", .timeLimit(.minutes(1)))
struct ZstdFailureTests {
    static let data = CompressionFixture.dumpLike(count: 700_000, seed: 41)

    @Test("out-of-range levels name compression_level and the accepted range", arguments: [23, 100, -131_073, Int.min])
    func invalidLevel(level: Int) {
        let error = CompressionFixture.error { _ = try ZstdCompressor(level: level) }
        #expect(error?.code == .compressionInvalidParameter)
        #expect(error?.field == "compression_level")
        #expect(
            error?.description
                == "compression_level: \(level) is not a zstd level; expected -131072 to 22 (1 to 19 usual, default 3)")
        #expect(throws: BackupError.self) { try Compression.zstd(level: level).validate() }
    }

    @Test("the whole level range is accepted, 0 meaning zstd's default", arguments: [-131_072, -5, 0, 1, 22])
    func validLevel(level: Int) throws {
        #expect(try ZstdCompressor(level: level).level == level)
        guard level < 20 else { return }  // 20 to 22 allocate hundreds of MiB for their window
        let compressed = try CompressionFixture.compress(Array("abc".utf8), level: level)
        #expect(try CompressionFixture.decompress(compressed) == Array("abc".utf8))
    }

    @Test("negative or huge worker counts name compression_workers", arguments: [-1, 257, 10_000])
    func invalidWorkers(workers: Int) {
        let error = CompressionFixture.error { _ = try ZstdCompressor(workers: workers) }
        #expect(error?.field == "compression_workers")
        let expected = "compression_workers: \(workers) workers is out of range; expected 0 (no threads) to 256"
        #expect(error?.description == expected)
        #expect(Zstd.maxWorkers == 256)
    }

    @Test("input cut anywhere in the frame is truncated", arguments: [0, 1, 3, 4, 5, 100, 50_000, -4, -1])
    func truncated(cut: Int) throws {
        // Given a frame cut to `cut` bytes (negative: that many bytes short)
        let compressed = try CompressionFixture.compress(Self.data, workers: 2)
        let kept = cut >= 0 ? Array(compressed.prefix(cut)) : Array(compressed.dropLast(-cut))
        // When it is decompressed
        let error = CompressionFixture.error { _ = try CompressionFixture.decompress(kept) }
        // Then the error says the data was cut short
        #expect(error?.code == .compressionTruncated)
        #expect(error?.description.hasPrefix("truncated zstd data: ") == true)
    }

    @Test("a flipped byte in a stored block fails the checksum")
    func flippedStoredByte() throws {
        // Given incompressible data, stored in raw blocks, with one payload byte flipped
        let data = CompressionFixture.randomBytes(count: 300_000, seed: 42)
        var compressed = try CompressionFixture.compress(data)
        compressed[compressed.count / 2] ^= 0x01
        // When it is decompressed, then the checksum at the frame's end catches it
        let error = CompressionFixture.error { _ = try CompressionFixture.decompress(compressed) }
        #expect(error?.code == .compressionCorrupted)
        #expect(error?.description.contains("checksum") == true)
    }

    @Test("a flipped byte in compressed blocks is corrupted", arguments: [0.25, 0.5, 0.75, 0.9])
    func flippedCompressedByte(at fraction: Double) throws {
        var compressed = try CompressionFixture.compress(Self.data)
        compressed[Int(Double(compressed.count) * fraction)] ^= 0x10
        let error = CompressionFixture.error { _ = try CompressionFixture.decompress(compressed) }
        #expect(error?.code == .compressionCorrupted)
    }

    @Test("a flipped checksum byte is corrupted")
    func flippedChecksum() throws {
        var compressed = try CompressionFixture.compress(Self.data)
        compressed[compressed.count - 1] ^= 0xFF
        let error = CompressionFixture.error { _ = try CompressionFixture.decompress(compressed) }
        #expect(error?.code == .compressionCorrupted)
        #expect(error?.description.contains("checksum") == true)
    }

    @Test("data that does not start with the magic number is not zstd")
    func notZstd() throws {
        var compressed = try CompressionFixture.compress(Self.data)
        compressed[0] ^= 0xFF
        for input in [
            compressed, Array("PGDMP custom archive".utf8), CompressionFixture.randomBytes(count: 5000, seed: 1),
        ] {
            let error = CompressionFixture.error { _ = try CompressionFixture.decompress(input) }
            #expect(error?.code == .compressionNotZstd)
            #expect(error?.description == "not zstd data: it does not start with the zstd magic number 28 B5 2F FD")
        }
    }

    @Test("garbage after a complete frame is corrupted, not truncated")
    func trailingGarbage() throws {
        let compressed = try CompressionFixture.compress(Self.data) + Array("trailing garbage".utf8)
        let error = CompressionFixture.error { _ = try CompressionFixture.decompress(compressed) }
        #expect(error?.code == .compressionCorrupted)
    }

    @Test("after an error the decompressor keeps failing")
    func errorsAreSticky() throws {
        var decompressor = try ZstdDecompressor()
        #expect(throws: BackupError.self) { try decompressor.decompress(Array("nope".utf8)) }
        #expect(throws: BackupError.self) { try decompressor.decompress(try CompressionFixture.compress([1, 2])) }
        #expect(throws: BackupError.self) { try decompressor.finish() }
    }
}
