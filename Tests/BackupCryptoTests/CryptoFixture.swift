import BackupCrypto
import Foundation
import TestSupport

/// Factories shared by the container tests: deterministic plaintext, in-memory encrypt and decrypt.
enum CryptoFixture {
    static let passphrase = "correct horse battery staple ✓"
    static let chunkSize = 4096
    static let parameters = try! EncryptionParameters(iterations: 100_000, chunkSize: chunkSize)

    /// Deterministic pseudo-random bytes (SplitMix64), so failures are reproducible.
    static func plaintext(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// Encrypts `plaintext`, feeding it in blocks of `blockSize` bytes.
    static func encrypt(
        _ plaintext: [UInt8], parameters: EncryptionParameters = parameters, blockSize: Int = 1000
    ) throws -> [UInt8] {
        var encryptor = try ContainerEncryptor(passphrase: passphrase, parameters: parameters)
        var out: [UInt8] = []
        for block in plaintext.chunked(blockSize) {
            for piece in try encryptor.update(block) { out += piece }
        }
        for piece in try encryptor.finalize() { out += piece }
        return out
    }

    /// What a reader released and how it ended.
    struct Decrypted {
        var plaintext: [UInt8] = []
        var error: ContainerError?
        var summary: ContainerSummary?
    }

    /// Decrypts `container`, feeding it in blocks; collects released plaintext until the first error.
    static func decrypt(_ container: [UInt8], passphrase: String = passphrase, blockSize: Int = 1000) -> Decrypted {
        var result = Decrypted()
        do {
            var decryptor = try ContainerDecryptor(passphrase: passphrase)
            for block in container.chunked(blockSize) {
                for piece in try decryptor.update(block) { result.plaintext += piece }
            }
            for piece in try decryptor.finalize() { result.plaintext += piece }
            result.summary = decryptor.summary
        } catch {
            result.error = error
        }
        return result
    }
}

extension Array where Element == UInt8 {
    /// Consecutive slices of at most `size` bytes (none for an empty array).
    func chunked(_ size: Int) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }

    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }
}
