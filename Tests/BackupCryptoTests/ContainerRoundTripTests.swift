import BackupCrypto
import Foundation
import TestSupport
import Testing

@Suite("Container round trips")
struct ContainerRoundTripTests {
    static let chunk = CryptoFixture.chunkSize

    @Test("round-trips plaintext around chunk boundaries", arguments: [0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 17])
    func roundTripsSizesAroundChunkBoundaries(size: Int) throws {
        // Given plaintext of a size at or near a chunk boundary
        let plaintext = CryptoFixture.plaintext(size)
        // When it is encrypted and decrypted
        let container = try CryptoFixture.encrypt(plaintext)
        let decrypted = CryptoFixture.decrypt(container)
        // Then the plaintext comes back, in the expected number of chunks and file size
        #expect(decrypted.error == nil)
        #expect(decrypted.plaintext == plaintext)
        let chunks = max(1, (size + Self.chunk - 1) / Self.chunk)
        #expect(decrypted.summary?.chunkCount == UInt64(chunks))
        #expect(container.count == ContainerHeader.byteCount + size + 16 * chunks)
    }

    @Test("round-trips with non-default chunk sizes", arguments: [4096, 65536, 1 << 20, 16_777_216])
    func roundTripsNonDefaultChunkSizes(chunkSize: Int) throws {
        let parameters = try EncryptionParameters(iterations: 100_000, chunkSize: chunkSize)
        // Given one full chunk and a few bytes more, at each chunk size up to the largest readers accept
        let plaintext = CryptoFixture.plaintext(chunkSize + 5, seed: UInt64(chunkSize))
        let container = try CryptoFixture.encrypt(plaintext, parameters: parameters, blockSize: 70_000)
        let decrypted = CryptoFixture.decrypt(container, blockSize: 33_333)
        #expect(decrypted.error == nil)
        #expect(decrypted.plaintext == plaintext)
        #expect(decrypted.summary?.header.chunkSize == UInt32(chunkSize))
        #expect(decrypted.summary?.chunkCount == 2)
    }

    @Test("round-trips random sizes fed in random block sizes (property)", arguments: 1...24)
    func roundTripsRandomSizesAndBlockings(seed: Int) throws {
        // Given a random size and random feeding block sizes for writer and reader
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        let size = Int(rng.next() % UInt64(6 * CryptoFixture.chunkSize))
        let writeBlock = 1 + Int(rng.next() % 10_000)
        let readBlock = 1 + Int(rng.next() % 10_000)
        let plaintext = CryptoFixture.plaintext(size, seed: UInt64(seed))
        // When encrypted and decrypted
        let container = try CryptoFixture.encrypt(plaintext, blockSize: writeBlock)
        let decrypted = CryptoFixture.decrypt(container, blockSize: readBlock)
        // Then the output equals the input whatever the blocking
        #expect(decrypted.error == nil, "size \(size) write \(writeBlock) read \(readBlock)")
        #expect(decrypted.plaintext == plaintext, "size \(size) write \(writeBlock) read \(readBlock)")
    }

    @Test("streams through async sequences and reports totals")
    func streamsThroughAsyncSequences() async throws {
        let plaintext = CryptoFixture.plaintext(50_000)
        let blocks = plaintext.chunked(3000).map { Data($0) }
        var container = Data()
        let written = try await ContainerStream.encrypt(
            blocks.async, passphrase: CryptoFixture.passphrase, parameters: CryptoFixture.parameters
        ) { container.append($0) }
        var output = Data()
        let read = try await ContainerStream.decrypt([container].async, passphrase: CryptoFixture.passphrase) {
            output.append($0)
        }
        #expect(Array(output) == plaintext)
        #expect(written == read)
        #expect(read.plaintextBytes == 50_000)
        #expect(read.containerBytes == UInt64(container.count))
    }

    @Test("each file gets its own salt and nonce prefix")
    func eachFileGetsFreshSaltAndNonce() throws {
        let a = try CryptoFixture.encrypt([1, 2, 3])
        let b = try CryptoFixture.encrypt([1, 2, 3])
        #expect(a[14..<30] != b[14..<30])
        #expect(a[30..<37] != b[30..<37])
        #expect(a[57...] != b[57...])
    }
}

extension Array where Element: Sendable {
    /// The elements as an async sequence.
    var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
