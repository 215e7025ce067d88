import BackupCrypto
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The stream stages reuse one buffer per stream (issue 17): a caller that keeps what it was given must
/// still see the bytes it was given, not the next block read into the same storage.
@Suite("Buffers reused per stream")
struct BufferReuseTests {
    /// 5 blocks of 64 KiB and a short last one, each block a different byte value.
    static let blockSize = 64 * 1024
    static let content = Data((0..<(5 * blockSize + 1000)).map { UInt8(truncatingIfNeeded: $0 / blockSize + 1) })

    @Test("file blocks kept by the caller keep their bytes")
    func keptFileBlocksKeepTheirBytes() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("input")
        try Self.content.write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var kept: [Data] = []
        for try await block in FileDescriptorBytes(descriptor: descriptor, blockSize: Self.blockSize) { kept.append(block) }
        #expect(kept.count == 6)
        #expect(kept.map(\.count) == [Self.blockSize, Self.blockSize, Self.blockSize, Self.blockSize, Self.blockSize, 1000])
        #expect(kept.enumerated().allSatisfy { index, block in block.allSatisfy { $0 == UInt8(index + 1) } })
        #expect(Data(kept.joined()) == Self.content)
    }

    @Test("sealed chunks kept by the caller still decrypt")
    func keptSealedChunksStillDecrypt() async throws {
        let passphrase = ContainerKey.generateKey()
        let parameters = try EncryptionParameters(iterations: 100_000, chunkSize: Self.blockSize)
        let source = AsyncStream<Data> { continuation in
            for offset in stride(from: 0, to: Self.content.count, by: 10_000) {
                continuation.yield(Self.content[offset..<min(offset + 10_000, Self.content.count)])
            }
            continuation.finish()
        }
        var sealed: [Data] = []
        for try await piece in source.containerEncrypted(passphrase: passphrase, parameters: parameters) { sealed.append(piece) }
        var plain: [Data] = []
        let pieces = AsyncStream<Data> { continuation in
            for piece in sealed { continuation.yield(piece) }
            continuation.finish()
        }
        for try await block in pieces.containerDecrypted(passphrase: passphrase) { plain.append(block) }
        #expect(Data(plain.joined()) == Self.content)
    }
}
