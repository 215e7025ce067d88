import BackupCore
import BackupCrypto
import Foundation
import TestSupport
import Testing

/// The backup file's layers (design §4): pg_dump bytes → zstd → container, and back, with pgbm and without.
@Suite("zstd inside the encrypted container", .timeLimit(.minutes(1)))
struct ZstdContainerChainTests {
    static let passphrase = "correct horse battery staple"
    static let data = CompressionFixture.dumpLike(count: 3 << 20, seed: 61)

    /// Dump-like bytes as Data blocks, compressed and encrypted the way the backup pipeline chains them.
    static func backupFile() async throws -> [UInt8] {
        let dump = ChunkSequence(chunks: CompressionFixture.chunks(data, seed: 62).map { Data($0) })
        let parameters = try EncryptionParameters(iterations: 100_000, chunkSize: 65_536)
        var file: [UInt8] = []
        _ = try await ContainerStream.encrypt(
            try dump.zstdCompressed(level: 3, workers: 2), passphrase: passphrase, parameters: parameters
        ) { piece in file += piece }
        return file
    }

    @Test("the pipeline's chain restores through decrypt and an incremental decompressor")
    func swiftRoundTrip() async throws {
        // Given a backup file written as dump → zstd → container
        let file = try await Self.backupFile()
        // When it is decrypted and each authenticated block decompressed as it arrives
        var decompressor = try ZstdDecompressor()
        var restored: [UInt8] = []
        _ = try await ContainerStream.decrypt(ChunkSequence(chunks: [file]), passphrase: Self.passphrase) { block in
            restored += try decompressor.decompress(block)
        }
        try decompressor.finish()
        // Then the dump comes back, smaller than it was on disk
        #expect(restored == Self.data)
        #expect(file.count < Self.data.count / 2)
    }

    @Test("pull-style: zstd and container sequences chain both ways")
    func sequencesChain() async throws {
        // Given dump blocks pulled through zstd and the encryptor
        let dump = ChunkSequence(chunks: CompressionFixture.chunks(Self.data, seed: 63))
        let parameters = try EncryptionParameters(iterations: 100_000, chunkSize: 65_536)
        var file: [UInt8] = []
        for try await piece in try dump.zstdCompressed(workers: 2).containerEncrypted(
            passphrase: Self.passphrase, parameters: parameters)
        {
            file += piece
        }
        // When the file is pulled through the decryptor and zstd
        var restored: [UInt8] = []
        let blocks = ChunkSequence(chunks: CompressionFixture.chunks(file, seed: 64))
        for try await block in blocks.containerDecrypted(passphrase: Self.passphrase).zstdDecompressed() {
            restored += block
        }
        // Then the dump comes back
        #expect(restored == Self.data)
    }

    /// python3 with `cryptography` and the zstd tool are installed (Scripts/test installs both), or this is CI.
    static var recoveryToolsAvailable: Bool {
        TestServices.isCI
            || (ZstdCLI.path != nil && (try? ProcessRunner.shell("python3 -c 'import cryptography'").status) == 0)
    }

    @Test("Docs/decrypt.py | zstd -d recovers the dump without pgbm", .enabled(if: recoveryToolsAvailable))
    func recoveryWithoutPgbm() async throws {
        // Given a backup file on disk
        let scratch = try TemporaryDirectory()
        let path = scratch.path("app_20261126T020000Z.dump.zst.enc")
        try Data(try await Self.backupFile()).write(to: URL(fileURLWithPath: path))
        // When the README's recovery pipeline reads it
        let result = try ProcessRunner.run(
            "/bin/bash", ["-c", "set -o pipefail; python3 Docs/decrypt.py -i \"$1\" | zstd -d -c", "bash", path],
            environment: ["PGBM_PASSPHRASE": Self.passphrase], currentDirectory: TestServices.repositoryRoot)
        // Then it prints the dump
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(Array(result.stdout) == Self.data)
    }
}
