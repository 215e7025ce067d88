@testable import BackupCrypto
import Foundation
import Testing

/// Committed vectors made by the reference encryptor written from the spec (Fixtures/reference_encrypt.py).
@Suite("Known-answer vectors")
struct KnownAnswerTests {
    struct Vector: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let passphrase: String
        let iterations: Int
        let chunkSize: Int
        let saltHex: String
        let noncePrefixHex: String
        let plaintextHex: String
        let ciphertextHex: String
        var testDescription: String { name }
    }

    struct File: Decodable {
        let vectors: [Vector]
    }

    static let vectors: [Vector] = {
        let url = Bundle.module.url(forResource: "known-answer", withExtension: "json", subdirectory: "Vectors")!
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try! decoder.decode(File.self, from: Data(contentsOf: url)).vectors
    }()

    @Test("covers 100,000 and 600,000 iterations")
    func coversBothIterationCounts() {
        #expect(Set(Self.vectors.map(\.iterations)).isSuperset(of: [100_000, 600_000]))
    }

    @Test("encrypting with the vector's salt and nonce gives its exact bytes", arguments: vectors)
    func encryptsToExactBytes(vector: Vector) throws {
        let parameters = try EncryptionParameters(iterations: vector.iterations, chunkSize: vector.chunkSize)
        var encryptor = try ContainerEncryptor(
            passphrase: vector.passphrase, parameters: parameters,
            salt: [UInt8](hex: vector.saltHex), noncePrefix: [UInt8](hex: vector.noncePrefixHex))
        var out: [UInt8] = []
        for piece in try encryptor.update([UInt8](hex: vector.plaintextHex)) { out += piece }
        for piece in try encryptor.finalize() { out += piece }
        #expect(out == [UInt8](hex: vector.ciphertextHex))
    }

    @Test("decrypting the vector gives its plaintext", arguments: vectors)
    func decryptsToPlaintext(vector: Vector) {
        let decrypted = CryptoFixture.decrypt([UInt8](hex: vector.ciphertextHex), passphrase: vector.passphrase)
        #expect(decrypted.error == nil)
        #expect(decrypted.plaintext == [UInt8](hex: vector.plaintextHex))
    }
}
