import BackupCrypto
import Foundation
import TestSupport
import Testing

/// Docs/decrypt.py decrypts what Swift writes, and Swift decrypts what an encryptor written from the
/// spec alone (Fixtures/reference_encrypt.py) writes.
@Suite("Interoperability with the Python reference", .enabled(if: PythonReference.available, PythonReference.skipMessage))
struct PythonInteropTests {
    static let sizes = [0, 1, 4095, 4096, 4097, 3 * 4096 + 5]

    @Test("Docs/decrypt.py decrypts files written by Swift", arguments: sizes)
    func pythonDecryptsSwift(size: Int) throws {
        // Given a container written by Swift
        let plaintext = CryptoFixture.plaintext(size, seed: UInt64(size) + 9)
        let container = try CryptoFixture.encrypt(plaintext)
        // When the reference decryptor reads it from stdin
        let result = try PythonReference.run(["Docs/decrypt.py"], stdin: Data(container))
        // Then it prints the plaintext and succeeds
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(Array(result.stdout) == plaintext)
    }

    @Test("Swift decrypts files written by the spec's reference encryptor", arguments: sizes, [false, true])
    func swiftDecryptsPython(size: Int, emptyFinalChunk: Bool) throws {
        // Given a container written by an independent encryptor, in either final-chunk form
        let scratch = try TemporaryDirectory()
        let passFile = scratch.path("pass")
        try Data((CryptoFixture.passphrase + "\n").utf8).write(to: URL(fileURLWithPath: passFile))
        let plaintext = CryptoFixture.plaintext(size, seed: UInt64(size) + 11)
        var arguments = [
            "Tests/BackupCryptoTests/Fixtures/reference_encrypt.py", "--passphrase-file", passFile,
            "--iterations", "100000", "--chunk-size", "4096",
        ]
        if emptyFinalChunk { arguments.append("--empty-final-chunk") }
        let result = try PythonReference.run(arguments, stdin: Data(plaintext))
        #expect(result.status == 0, "\(result.stderrText)")
        // When Swift decrypts it
        let decrypted = CryptoFixture.decrypt(Array(result.stdout))
        // Then the plaintext comes back
        #expect(decrypted.error == nil)
        #expect(decrypted.plaintext == plaintext)
    }

    @Test("Docs/decrypt.py refuses damaged files with the exit codes pgbm-cli uses")
    func pythonRejectsDamage() throws {
        let container = try CryptoFixture.encrypt(CryptoFixture.plaintext(3 * 4096 + 5))
        var flipped = container
        flipped[57 + 4112 + 3] ^= 1
        let cases: [(String, [UInt8], Int32)] = [
            ("not a pgbm file", Array("plain text".utf8), 3),
            ("corrupted", flipped, 5),
            ("truncated", Array(container.prefix(57 + 4112)), 6),
        ]
        for (name, bytes, code) in cases {
            let result = try PythonReference.run(["Docs/decrypt.py"], stdin: Data(bytes))
            #expect(result.status == code, "\(name): \(result.stderrText)")
            #expect(result.stdout.count <= 4096, "\(name): released more than the authenticated chunk")
        }
        let wrong = try PythonReference.run(["Docs/decrypt.py"], environment: ["PGBM_PASSPHRASE": "wrong"], stdin: Data(container))
        #expect(wrong.status == 4)
    }
}
