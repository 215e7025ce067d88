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

    @Test("error descriptions never contain the passphrase")
    func errorsDoNotLeakPassphrase() {
        let passphrase = "canary-\(ContainerKey.generateKey())"
        var container = try! CryptoFixture.encrypt(CryptoFixture.plaintext(10_000))
        container[60] ^= 1
        let errors = [
            CryptoFixture.decrypt(container, passphrase: passphrase).error,
            CryptoFixture.decrypt(container).error,
        ]
        for error in errors {
            #expect(error != nil)
            #expect(!String(describing: error!).contains(passphrase))
        }
    }
}
