import BackupCore
import Foundation
import TestSupport
import Testing

/// pgbm's frames are ordinary zstd: the `zstd` tool reads them, and pgbm reads the tool's.
@Suite(
    "zstd CLI interoperability", .enabled(if: ZstdCLI.available, "install zstd (Scripts/test does)"),
    .timeLimit(.minutes(1)))
struct ZstdCLITests {
    @Test("zstd -t accepts and zstd -d restores our frames", arguments: [(3, 2), (1, 0), (19, 2)])
    func ourFramesDecompress(level: Int, workers: Int) throws {
        // Given our frame of 12 MiB (level 19: 256 KiB, as it manages about 1 MB/s)
        let data = level == 19 ? Array(CompressionFixture.dump12MiB.prefix(256 << 10)) : CompressionFixture.dump12MiB
        let compressed = try CompressionFixture.compress(data, level: level, workers: workers)
        // When the zstd tool tests and decompresses it
        let test = try ZstdCLI.run(["-t", "-q"], input: compressed)
        let decompressed = try ZstdCLI.run(["-d", "-c"], input: compressed)
        // Then it succeeds with the original bytes
        #expect(test.status == 0, "\(test.stderrText)")
        #expect(decompressed.status == 0, "\(decompressed.stderrText)")
        #expect(Array(decompressed.stdout) == data)
    }

    @Test(
        "frames from zstd -3, -T2 and --no-check decompress with ours",
        arguments: [["-3"], ["-3", "-T2"], ["-1", "--no-check"]])
    func theirFramesDecompress(options: [String]) throws {
        let data = CompressionFixture.dump12MiB
        let result = try ZstdCLI.run(options + ["-c", "-q"], input: data)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try CompressionFixture.decompress(Array(result.stdout)) == data)
    }

    @Test("zstd -d reads our concatenated frames as one stream, and we read its")
    func concatenated() throws {
        let first = CompressionFixture.dumpLike(count: 100_000, seed: 51)
        let second = CompressionFixture.dumpLike(count: 150_000, seed: 52)
        let ours = try CompressionFixture.compress(first) + CompressionFixture.compress(second, workers: 2)
        let decompressed = try ZstdCLI.run(["-d", "-c"], input: ours)
        #expect(decompressed.status == 0, "\(decompressed.stderrText)")
        #expect(Array(decompressed.stdout) == first + second)
        let theirs =
            try Array(ZstdCLI.run(["-c"], input: first).stdout) + Array(ZstdCLI.run(["-c"], input: second).stdout)
        #expect(try CompressionFixture.decompress(theirs) == first + second)
    }

    @Test("zstd -t also rejects what we call truncated or corrupted")
    func damageAgreesWithTheTool() throws {
        let compressed = try CompressionFixture.compress(CompressionFixture.dumpLike(count: 300_000, seed: 53))
        var flipped = compressed
        flipped[flipped.count - 2] ^= 0x40
        for damaged in [Array(compressed.dropLast(3)), flipped] {
            #expect(try ZstdCLI.run(["-t", "-q"], input: damaged).status != 0)
            #expect(throws: BackupError.self) { try CompressionFixture.decompress(damaged) }
        }
    }
}
