import BackupCore
import Foundation
import TestSupport
import Testing

/// Reproducible test data, chunkings and helpers for the compression tests.
enum CompressionFixture {
    /// 12 MiB of dump-like text: several zstd jobs at levels 1 and 3, built once per test run.
    static let dump12MiB = dumpLike(count: 12 << 20, seed: 12)

    /// Text lines like a pg_dump of an orders table (id, timestamp, md5-like hex, float, status): partly
    /// compressible, as real dumps are.
    static func dumpLike(count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(count + 128)
        var id: UInt64 = 1
        let hex = Array("0123456789abcdef".utf8)
        let statuses = ["active", "pending", "shipped", "cancelled", "refunded"].map { Array($0.utf8) }
        while out.count < count {
            let r = random.next()
            out.appendDecimal(id, width: 1)
            out.append(0x09)
            out.append(contentsOf: Array("2026-11-".utf8))
            out.appendDecimal(1 + r % 28, width: 2)
            out.append(0x20)
            out.appendDecimal((r >> 8) % 24, width: 2)
            out.append(0x3A)
            out.appendDecimal((r >> 16) % 60, width: 2)
            out.append(0x3A)
            out.appendDecimal((r >> 24) % 60, width: 2)
            out.append(0x2E)
            out.appendDecimal((r >> 32) % 1_000_000, width: 6)
            out.append(contentsOf: [0x2B, 0x30, 0x30, 0x09])
            for _ in 0..<2 {
                var word = random.next()
                for _ in 0..<16 {
                    out.append(hex[Int(word & 15)])
                    word >>= 4
                }
            }
            out.append(0x09)
            let value = random.next()
            out.appendDecimal(value % 10_000, width: 1)
            out.append(0x2E)
            out.appendDecimal((value >> 20) % 100_000_000, width: 8)
            out.append(0x09)
            out.append(contentsOf: statuses[Int((value >> 50) % 5)])
            out.append(0x0A)
            id += 1 + (r >> 60) % 3
        }
        return Array(out.prefix(count))
    }

    /// Incompressible bytes.
    static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { buffer in
            var index = 0
            while index < buffer.count {
                var word = random.next()
                for _ in 0..<min(8, buffer.count - index) {
                    buffer[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
        }
        return out
    }

    /// `data` cut into chunks of random sizes: a quarter tiny (1–16 bytes), a quarter up to 4 KiB, half
    /// up to `largest`.
    static func chunks(_ data: [UInt8], seed: UInt64, largest: Int = 300_000) -> [ArraySlice<UInt8>] {
        var random = SplitMix64(seed: seed)
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        while start < data.count {
            let limit = [16, 4096, largest, largest][Int(random.next() % 4)]
            let end = min(data.count, start + Int.random(in: 1...limit, using: &random))
            result.append(data[start..<end])
            start = end
        }
        return result
    }

    /// Compresses `data` fed in random chunks through ``ZstdCompressor``.
    static func compress(_ data: [UInt8], level: Int = 3, workers: Int = 0, seed: UInt64 = 1) throws -> [UInt8] {
        var compressor = try ZstdCompressor(level: level, workers: workers)
        var out: [UInt8] = []
        for chunk in chunks(data, seed: seed) { out += try compressor.compress(chunk) }
        out += try compressor.finish()
        #expect(compressor.bytesIn == UInt64(data.count))
        #expect(compressor.bytesOut == UInt64(out.count))
        return out
    }

    /// Decompresses `data` fed in random chunks through ``ZstdDecompressor``, checking the end.
    static func decompress(_ data: [UInt8], seed: UInt64 = 2) throws(BackupError) -> [UInt8] {
        var decompressor = try ZstdDecompressor()
        var out: [UInt8] = []
        for chunk in chunks(data, seed: seed, largest: 70_000) { out += try decompressor.decompress(chunk) }
        try decompressor.finish()
        return out
    }

    /// The ``BackupError`` `body` throws, or `nil` (recording an issue for any other error).
    static func error(_ body: () throws -> Void) -> BackupError? {
        do {
            try body()
            return nil
        } catch let error as BackupError {
            return error
        } catch {
            Issue.record(error, "not a BackupError")
            return nil
        }
    }
}

/// The `zstd` command-line tool (`Scripts/test` installs it).
enum ZstdCLI {
    /// Its path on `PATH`, if installed.
    static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
        .split(separator: ":").map { "\($0)/zstd" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Installed, or CI (where a missing tool must fail the test, not skip it).
    static var available: Bool { path != nil || TestServices.isCI }

    /// Runs `zstd arguments` with `input` on standard input.
    static func run(_ arguments: [String], input: [UInt8]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(path ?? "/usr/bin/zstd", arguments, stdin: Data(input))
    }
}

/// A fixed list of chunks as an async sequence, like a subprocess's output.
struct ChunkSequence<Chunk: Sendable>: AsyncSequence, Sendable {
    let chunks: [Chunk]

    func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks) }

    struct Iterator: AsyncIteratorProtocol {
        let chunks: [Chunk]
        var index = 0

        mutating func next() async -> Chunk? {
            guard index < chunks.count else { return nil }
            defer { index += 1 }
            return chunks[index]
        }
    }
}

extension [UInt8] {
    /// Appends `value` in decimal, zero-padded to `width` digits.
    mutating func appendDecimal(_ value: UInt64, width: Int) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < width { digits.append(0x30) }
        append(contentsOf: digits.reversed())
    }
}
