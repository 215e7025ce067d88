@testable import BackupStorage
import Crypto
import Foundation
import TestSupport
import Testing

@Suite("CRC-32C and the object checksums of uploads")
struct CRC32CTests {
    @Test("known answers: the check value and RFC 3720's test patterns")
    func knownAnswers() {
        #expect(CRC32C(Array("123456789".utf8)).value == 0xE306_9283)
        #expect(CRC32C([UInt8](repeating: 0, count: 32)).value == 0x8A91_36AA)
        #expect(CRC32C([UInt8](repeating: 0xFF, count: 32)).value == 0x62A8_AB43)
        #expect(CRC32C((0..<32).map { UInt8($0) }).value == 0x46DD_794E)
        #expect(CRC32C((0..<32).map { UInt8(31 - $0) }).value == 0x113F_DB5C)
        #expect(CRC32C([UInt8]()).value == 0)
        #expect(CRC32C(Array("123456789".utf8)).base64 == "4waSgw==")
    }

    @Test("the instruction and the tables agree at every length and alignment, in pieces or whole")
    func hardwareMatchesTables() {
        var generator = SplitMix64(seed: 17)
        let data = (0..<120_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        data.withUnsafeBytes { all in
            for start in 0..<9 {
                // Long enough for the three-lane path (3 × 8 KiB), with remainders around it.
                for length in [0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 1000, 4000, 24_575, 24_576, 24_583, 49_152, 100_001] {
                    let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                    let portable = CRC32C.portable(slice)
                    var whole = CRC32C()
                    whole.update(slice)
                    #expect(whole.value == portable, "start \(start), length \(length)")
                    var pieces = CRC32C()
                    pieces.update(UnsafeRawBufferPointer(rebasing: slice.prefix(length / 3)))
                    pieces.update(UnsafeRawBufferPointer(rebasing: slice.dropFirst(length / 3)))
                    #expect(pieces == whole)
                }
            }
        }
    }

    @Test("a multipart object's checksum is the checksum of the part checksums, with the part count")
    func compositeChecksum() {
        let parts = [Array("first part".utf8), Array("second part".utf8), Array("third".utf8)]
        let digests = parts.map { PartDigest(crc32c: CRC32C($0)) }
        let joined = parts.flatMap { CRC32C($0).bytes }
        #expect(PartDigest.objectChecksum(digests, .crc32c, multipart: true) == CRC32C(joined).base64 + "-3")
        #expect(PartDigest.objectChecksum([digests[0]], .crc32c, multipart: false) == CRC32C(parts[0]).base64)
        let shas = parts.map { PartDigest(sha256: SHA256.hash(data: $0)) }
        let joinedSHA = Data(SHA256.hash(data: parts.flatMap { Array(SHA256.hash(data: $0)) })).base64EncodedString()
        #expect(PartDigest.objectChecksum(shas, .sha256, multipart: true) == joinedSHA + "-3")
    }

    @Test("without a SHA-256 the body goes as UNSIGNED-PAYLOAD; with one, signed with it")
    func payload() {
        #expect(PartDigest(crc32c: CRC32C()).payload == .unsigned)
        let digest = SHA256.hash(data: Data("x".utf8))
        #expect(PartDigest(sha256: digest).payload == .sha256(hex: digest.hexString))
    }
}
