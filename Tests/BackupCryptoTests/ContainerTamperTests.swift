import BackupCrypto
import Foundation
import Testing

/// Every kind of damage gives its own error, and no plaintext of an unauthenticated chunk is released.
@Suite("Tampered containers")
struct ContainerTamperTests {
    static let chunk = CryptoFixture.chunkSize
    /// Three full chunks and a short final one.
    static let plaintext = CryptoFixture.plaintext(3 * chunk + 100, seed: 42)
    static let container = try! CryptoFixture.encrypt(plaintext)
    static let record = chunk + 16
    static func recordStart(_ i: Int) -> Int { ContainerHeader.byteCount + i * record }

    /// Everything released must be whole, authentic chunks from the start of the plaintext: exactly
    /// `chunks` of them, or, when one `update` call covered several chunks, at most `chunks` (a call that
    /// throws returns nothing, not even the chunks it authenticated before the damage).
    func expectOnlyAuthenticPrefix(
        _ decrypted: CryptoFixture.Decrypted, chunks: Int, exact: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let released = decrypted.plaintext
        if exact {
            #expect(released == Array(Self.plaintext.prefix(chunks * Self.chunk)), sourceLocation: sourceLocation)
        } else {
            #expect(released.count % Self.chunk == 0 && released.count <= chunks * Self.chunk, sourceLocation: sourceLocation)
            #expect(released.elementsEqual(Self.plaintext.prefix(released.count)), sourceLocation: sourceLocation)
        }
    }

    struct HeaderFlip: CustomTestStringConvertible, Sendable {
        let field: String
        let offset: Int
        let mask: UInt8
        let expected: ContainerError
        var testDescription: String { "\(field) byte \(offset)" }
    }

    static let headerFlips: [HeaderFlip] = [
        HeaderFlip(field: "magic", offset: 0, mask: 0x01, expected: .notContainer),
        HeaderFlip(field: "magic", offset: 7, mask: 0x40, expected: .notContainer),
        HeaderFlip(field: "version", offset: 8, mask: 0x02, expected: .unsupportedVersion(3)),
        HeaderFlip(field: "kdf", offset: 9, mask: 0x04, expected: .unsupportedKDF(5)),
        HeaderFlip(
            field: "iterations (high bit)", offset: 10, mask: 0x80,
            expected: .parameterOutOfRange(
                name: "iterations", value: 0x8001_86A0, accepted: EncryptionParameters.acceptedIterations)),
        HeaderFlip(field: "iterations (low bit)", offset: 13, mask: 0x01, expected: .wrongPassphrase),
        HeaderFlip(field: "salt", offset: 14, mask: 0x01, expected: .wrongPassphrase),
        HeaderFlip(field: "salt", offset: 29, mask: 0x80, expected: .wrongPassphrase),
        HeaderFlip(field: "nonce prefix", offset: 30, mask: 0x01, expected: .corrupted(chunk: 0)),
        HeaderFlip(field: "nonce prefix", offset: 36, mask: 0x10, expected: .corrupted(chunk: 0)),
        HeaderFlip(
            field: "chunk size (high bit)", offset: 37, mask: 0x80,
            expected: .parameterOutOfRange(
                name: "chunk size", value: 0x8000_1000, accepted: EncryptionParameters.acceptedChunkSizes)),
        HeaderFlip(field: "chunk size (low bit)", offset: 40, mask: 0x01, expected: .corrupted(chunk: 0)),
        HeaderFlip(field: "key check", offset: 41, mask: 0x01, expected: .wrongPassphrase),
        HeaderFlip(field: "key check", offset: 56, mask: 0x80, expected: .wrongPassphrase),
    ]

    @Test("a flipped bit in each header field gives that field's error", arguments: headerFlips)
    func headerBitFlip(flip: HeaderFlip) {
        var damaged = Self.container
        damaged[flip.offset] ^= flip.mask
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == flip.expected)
        #expect(decrypted.plaintext.isEmpty)
    }

    @Test("a flipped bit in a chunk body or tag is corruption at that chunk", arguments: [
        (0, 0), (1, 17), (2, chunk - 1), (1, chunk), (2, chunk + 15), (3, 0), (3, 100 + 15),
    ])
    func chunkBitFlip(chunkIndex: Int, offsetInRecord: Int) {
        var damaged = Self.container
        damaged[Self.recordStart(chunkIndex) + offsetInRecord] ^= 0x20
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == .corrupted(chunk: UInt64(chunkIndex)))
        expectOnlyAuthenticPrefix(decrypted, chunks: chunkIndex)
    }

    @Test("a dropped middle chunk is corruption where it is missing")
    func droppedMiddleChunk() {
        var damaged = Self.container
        damaged.removeSubrange(Self.recordStart(1)..<Self.recordStart(2))
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == .corrupted(chunk: 1))
        expectOnlyAuthenticPrefix(decrypted, chunks: 1)
    }

    @Test("swapped chunks are corruption at the first swapped one")
    func swappedChunks() {
        var damaged = Self.container
        let first = Array(damaged[Self.recordStart(1)..<Self.recordStart(2)])
        let second = Array(damaged[Self.recordStart(2)..<Self.recordStart(3)])
        damaged.replaceSubrange(Self.recordStart(1)..<Self.recordStart(3), with: second + first)
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == .corrupted(chunk: 1))
        expectOnlyAuthenticPrefix(decrypted, chunks: 1)
    }

    @Test("a duplicated chunk is corruption at the copy")
    func duplicatedChunk() {
        var damaged = Self.container
        damaged.insert(contentsOf: damaged[Self.recordStart(1)..<Self.recordStart(2)], at: Self.recordStart(2))
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == .corrupted(chunk: 2))
        expectOnlyAuthenticPrefix(decrypted, chunks: 2)
    }

    @Test("cut at a chunk boundary is truncation", arguments: [0, 1, 2, 3])
    func truncatedAtBoundary(chunks: Int) {
        let damaged = Array(Self.container.prefix(Self.recordStart(chunks)))
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == .truncated(chunks: UInt64(chunks)))
        // The last full chunk is held back until the end shows it was not flagged last.
        expectOnlyAuthenticPrefix(decrypted, chunks: max(0, chunks - 1))
    }

    @Test("cut inside a chunk is reported at that chunk", arguments: [(1, 100), (2, chunk + 15), (3, 50)])
    func truncatedInsideChunk(chunkIndex: Int, keep: Int) {
        let damaged = Array(Self.container.prefix(Self.recordStart(chunkIndex) + keep))
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == .corrupted(chunk: UInt64(chunkIndex)))
        #expect(decrypted.error?.description.contains("cut inside this chunk") == true)
        expectOnlyAuthenticPrefix(decrypted, chunks: chunkIndex)
    }

    @Test("cut with less than a tag left of the last chunk is truncation")
    func truncatedBelowTagSize() {
        let damaged = Array(Self.container.prefix(Self.recordStart(3) + 15))
        #expect(CryptoFixture.decrypt(damaged).error == .truncated(chunks: 3))
    }

    @Test("cut inside the header is truncation, or not a pgbm file before the magic", arguments: [0, 5, 8, 30, 56])
    func truncatedHeader(length: Int) {
        let decrypted = CryptoFixture.decrypt(Array(Self.container.prefix(length)))
        #expect(decrypted.error == (length < 8 ? .notContainer : .truncated(chunks: 0)))
    }

    @Test("bytes after a full final chunk are trailing data", arguments: [1, 16, chunk + 16])
    func trailingDataAfterFullFinalChunk(extra: Int) throws {
        let plaintext = CryptoFixture.plaintext(2 * Self.chunk)
        let damaged = try CryptoFixture.encrypt(plaintext) + [UInt8](repeating: 0xAB, count: extra)
        let decrypted = CryptoFixture.decrypt(damaged)
        #expect(decrypted.error == .trailingData(afterChunk: 1))
        #expect(decrypted.plaintext == Array(plaintext.prefix(Self.chunk)))
    }

    @Test("bytes after a short final chunk make that chunk fail")
    func trailingDataAfterShortFinalChunk() {
        let decrypted = CryptoFixture.decrypt(Self.container + [0])
        #expect(decrypted.error == .corrupted(chunk: 3))
        expectOnlyAuthenticPrefix(decrypted, chunks: 3)
    }

    @Test("the wrong passphrase is its own error and releases nothing")
    func wrongPassphrase() {
        let decrypted = CryptoFixture.decrypt(Self.container, passphrase: "not the passphrase")
        #expect(decrypted.error == .wrongPassphrase)
        #expect(decrypted.plaintext.isEmpty)
    }

    @Test("a file that is not a container is rejected by its magic")
    func notAContainer() {
        let decrypted = CryptoFixture.decrypt(Array("PGDMP\u{1}\u{e}\u{0} custom dump, not encrypted".utf8))
        #expect(decrypted.error == .notContainer)
    }

    struct OutOfRange: CustomTestStringConvertible, Sendable {
        let name: String
        let offset: Int
        let value: UInt32
        var testDescription: String { "\(name) \(value)" }
    }

    @Test(
        "header values out of bounds are rejected before key derivation",
        .timeLimit(.minutes(1)),
        arguments: [
            OutOfRange(name: "iterations", offset: 10, value: 1),
            OutOfRange(name: "iterations", offset: 10, value: UInt32.max),
            OutOfRange(name: "iterations", offset: 10, value: 99_999),
            OutOfRange(name: "chunk size", offset: 37, value: 0),
            OutOfRange(name: "chunk size", offset: 37, value: 1 << 30),
            OutOfRange(name: "chunk size", offset: 37, value: 4095),
        ])
    func outOfBoundsHeaderValues(field: OutOfRange) {
        // Given a header whose value would make a reader spin for hours or allocate a gigabyte
        var damaged = Self.container
        let v = field.value
        damaged.replaceSubrange(field.offset..<field.offset + 4, with: [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
        // When it is read
        let decrypted = CryptoFixture.decrypt(damaged)
        // Then the parameter is named and nothing else happened (2^32-1 iterations would exceed the time limit)
        guard case .parameterOutOfRange(let name, let value, _) = decrypted.error else {
            Issue.record("expected parameterOutOfRange, got \(String(describing: decrypted.error))")
            return
        }
        #expect(name == field.name)
        #expect(value == UInt64(field.value))
    }

    /// Read block sizes that take every path of the reader: byte by byte, smaller than a stored chunk,
    /// exactly one, one more (whole chunks opened straight from the input), and the whole file at once.
    static let readBlockSizes = [1, 1000, record, record + 1, 1 << 20]

    @Test("damage is found the same way whatever the read block size", arguments: readBlockSizes)
    func damageWithAnyReadBlockSize(blockSize: Int) throws {
        var flipped = Self.container
        flipped[Self.recordStart(2) + 7] ^= 1
        let corrupted = CryptoFixture.decrypt(flipped, blockSize: blockSize)
        let exact = blockSize <= Self.record
        #expect(corrupted.error == .corrupted(chunk: 2))
        expectOnlyAuthenticPrefix(corrupted, chunks: 2, exact: exact)

        let cut = CryptoFixture.decrypt(Array(Self.container.prefix(Self.recordStart(2))), blockSize: blockSize)
        #expect(cut.error == .truncated(chunks: 2))
        expectOnlyAuthenticPrefix(cut, chunks: 1, exact: exact)

        let fullFinal = CryptoFixture.plaintext(2 * Self.chunk)
        let trailing = CryptoFixture.decrypt(try CryptoFixture.encrypt(fullFinal) + [9, 9], blockSize: blockSize)
        #expect(trailing.error == .trailingData(afterChunk: 1))
        #expect(trailing.plaintext.count <= Self.chunk && trailing.plaintext.elementsEqual(fullFinal.prefix(trailing.plaintext.count)))

        let intact = CryptoFixture.decrypt(Self.container, blockSize: blockSize)
        #expect(intact.error == nil)
        #expect(intact.plaintext == Self.plaintext)
    }

    @Test("every error has its own message naming the cause")
    func errorMessagesAreDistinct() {
        let errors: [ContainerError] = [
            .notContainer, .unsupportedVersion(2), .unsupportedKDF(2),
            .parameterOutOfRange(name: "iterations", value: 1, accepted: EncryptionParameters.acceptedIterations),
            .wrongPassphrase, .corrupted(chunk: 4), .truncated(chunks: 2), .trailingData(afterChunk: 1),
        ]
        let messages = errors.map(\.description)
        #expect(Set(messages).count == messages.count)
        #expect(messages[3].contains("iterations 1") && messages[3].contains("100000"))
        #expect(messages[4].contains("wrong passphrase"))
        #expect(messages[5].contains("chunk 4"))
        #expect(messages[6].contains("truncated"))
    }
}
