import BackupCore
import Foundation
import TestSupport
import Testing

/// The async adapters chain like pipeline stages and hand on bounded blocks.
@Suite("zstd async sequences", .timeLimit(.minutes(1)))
struct ZstdSequenceTests {
    @Test("compressed and decompressed sequences round-trip Data chunks in bounded blocks")
    func roundTrip() async throws {
        // Given 3 MiB arriving as Data blocks of random sizes, like a subprocess's output
        let data = CompressionFixture.dumpLike(count: 3 << 20, seed: 31)
        let source = ChunkSequence(chunks: CompressionFixture.chunks(data, seed: 32).map { Data($0) })
        // When the compressed sequence feeds the decompressed one
        var compressedBlocks: [Int] = []
        var compressed: [UInt8] = []
        for try await block in try source.zstdCompressed(level: 3, workers: 2) {
            compressedBlocks.append(block.count)
            compressed += block
        }
        var restored: [UInt8] = []
        for try await block in ChunkSequence(chunks: [compressed[...]]).zstdDecompressed() {
            #expect(!block.isEmpty && block.count <= ZstdDecompressor.outputBlockSize)
            restored += block
        }
        // Then the bytes come back, and no compressed block was empty or larger than one output buffer
        #expect(restored == data)
        #expect(compressedBlocks.allSatisfy { $0 > 0 && $0 <= ZstdCompressor.outputBlockSize })
    }

    @Test("an empty source still makes a valid, empty frame")
    func emptySource() async throws {
        var compressed: [UInt8] = []
        for try await block in try ChunkSequence<[UInt8]>(chunks: []).zstdCompressed(workers: 0) { compressed += block }
        #expect(compressed.count > 4 && Array(compressed.prefix(4)) == Zstd.magic)
        var restored: [UInt8] = []
        for try await block in ChunkSequence(chunks: [compressed]).zstdDecompressed() { restored += block }
        #expect(restored.isEmpty)
    }

    @Test("64 MiB of zeros from a few hundred bytes come out in 128 KiB blocks")
    func decompressionIsBounded() async throws {
        // Given a tiny frame that expands to 64 MiB
        var compressor = try ZstdCompressor(workers: 0)
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var compressed: [UInt8] = []
        for _ in 0..<64 { compressed += try compressor.compress(zeros) }
        compressed += try compressor.finish()
        #expect(compressed.count < 10_000)
        // When it is decompressed from a single chunk
        var total = 0
        var largest = 0
        for try await block in ChunkSequence(chunks: [compressed]).zstdDecompressed() {
            total += block.count
            largest = max(largest, block.count)
        }
        // Then no block exceeds one output buffer
        #expect(total == 64 << 20)
        #expect(largest <= ZstdDecompressor.outputBlockSize)
    }

    @Test("a truncated stream fails at its end")
    func truncated() async throws {
        let data = CompressionFixture.dumpLike(count: 500_000, seed: 33)
        let compressed = try CompressionFixture.compress(data)
        let cut = ChunkSequence(chunks: CompressionFixture.chunks(Array(compressed.dropLast(10)), seed: 34))
        await #expect(throws: BackupError.self) {
            for try await _ in cut.zstdDecompressed() {}
        }
        do {
            for try await _ in cut.zstdDecompressed() {}
        } catch let error as BackupError {
            #expect(error.code == .compressionTruncated)
        }
    }

    @Test("an invalid level is refused before anything is read")
    func invalidLevel() {
        #expect {
            _ = try ChunkSequence<[UInt8]>(chunks: []).zstdCompressed(level: 23)
        } throws: { error in
            (error as? BackupError)?.field == "compression_level"
        }
    }
}
