import BackupCrypto
import Foundation
import Testing

@Suite("Keys and parameters")
struct KeyAndParameterTests {
    @Test("generated keys are 32 random bytes in base64url")
    func generatedKeys() {
        let keys = (0..<20).map { _ in ContainerKey.generateKey() }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(keys.allSatisfy { $0.count == 43 && $0.allSatisfy(alphabet.contains) })
        #expect(Set(keys).count == keys.count)
    }

    @Test("writers refuse parameters readers would reject", arguments: [(99_999, 4096), (10_000_001, 4096), (100_000, 4095), (100_000, 16_777_217)])
    func writerParameterRanges(iterations: Int, chunkSize: Int) {
        #expect(throws: ContainerError.self) { try EncryptionParameters(iterations: iterations, chunkSize: chunkSize) }
    }

    @Test("the default parameters are 600,000 iterations and 1 MiB chunks")
    func defaults() {
        #expect(EncryptionParameters.standard.iterations == 600_000)
        #expect(EncryptionParameters.standard.chunkSize == 1_048_576)
    }

    @Test("an empty passphrase is refused")
    func emptyPassphrase() {
        #expect(throws: ContainerError.emptyPassphrase) { try ContainerEncryptor(passphrase: "") }
        #expect(throws: ContainerError.emptyPassphrase) { try ContainerDecryptor(passphrase: "") }
    }

    @Test("neither errors nor the decryptor's description, dump or mirror show the passphrase")
    func passphraseNeverShown() throws {
        // Given a canary passphrase used to encrypt, and a damaged copy of the file
        let canary = "canary-\(ContainerKey.generateKey())"
        var encryptor = try ContainerEncryptor(passphrase: canary, parameters: CryptoFixture.parameters)
        var container = try encryptor.update(CryptoFixture.plaintext(10_000)).flatMap { Array($0) }
        container += try encryptor.finalize().flatMap { Array($0) }
        var damaged = container
        damaged[60] ^= 1
        // When it is decrypted with the canary, with a wrong passphrase, and the decryptor is printed
        let errors = [
            CryptoFixture.decrypt(damaged, passphrase: canary).error,
            CryptoFixture.decrypt(container, passphrase: canary + "x").error,
        ]
        #expect(errors == [.corrupted(chunk: 0), .wrongPassphrase])
        var decryptor = try ContainerDecryptor(passphrase: canary)
        _ = try decryptor.update(container.prefix(100))
        var dumped = ""
        dump(decryptor, to: &dumped)
        let shown = errors.map { String(describing: $0!) } + [
            String(describing: decryptor), String(reflecting: decryptor), dumped, "\(Mirror(reflecting: decryptor).children.map(\.value))",
        ]
        // Then the canary appears nowhere
        for text in shown {
            #expect(!text.contains(canary), "\(text)")
        }
        #expect(dumped.contains("ContainerDecryptor"))
    }

    @Test("a key derived ahead writes a container the passphrase opens, and reads it back without a second derivation")
    func keyDerivedAhead() async throws {
        // Given two keys derived ahead from one passphrase
        let first = try ContainerKey.forNewContainer(passphrase: CryptoFixture.passphrase, parameters: CryptoFixture.parameters)
        let second = try ContainerKey.forNewContainer(passphrase: CryptoFixture.passphrase, parameters: CryptoFixture.parameters)
        #expect(first.salt != second.salt && first.salt.count == 16 && first.iterations == 100_000)
        // When a plaintext is encrypted with the first
        let plaintext = CryptoFixture.plaintext(20_000)
        var container: [UInt8] = []
        for try await piece in [plaintext[...]].async.containerEncrypted(key: first, chunkSize: CryptoFixture.chunkSize) { container += piece }
        // Then the passphrase and the same key open it, and the other key is a wrong passphrase
        let opened = CryptoFixture.decrypt(container)
        #expect(opened.error == nil && opened.plaintext == plaintext)
        #expect(opened.summary?.header.salt == first.salt && opened.summary?.chunkCount == 5)
        var again: [UInt8] = []
        for try await piece in [container[...]].async.containerDecrypted(key: first) { again += piece }
        #expect(again == plaintext)
        await #expect(throws: ContainerError.wrongPassphrase) {
            for try await _ in [container[...]].async.containerDecrypted(key: second) {}
        }
    }
}
