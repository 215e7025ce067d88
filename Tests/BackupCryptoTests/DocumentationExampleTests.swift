import BackupCrypto
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The code examples of `Sources/BackupCrypto/BackupCrypto.docc/GettingStarted.md`, one test per section,
/// so the article cannot drift from the API. Keep both in step: paths here live in a temporary directory.
@Suite("Documentation examples: BackupCrypto Getting started")
struct DocumentationExampleTests {
    let passphrase = ContainerKey.generateKey()
    let parameters: EncryptionParameters
    let dir: TemporaryDirectory

    init() throws {
        parameters = try EncryptionParameters(iterations: 100_000, chunkSize: 64 * 1024)
        dir = try TemporaryDirectory()
        try Data(repeating: 7, count: 100_000).write(to: URL(fileURLWithPath: dir.path("app.dump")))
    }

    @Test("Choose a passphrase and parameters")
    func choosePassphraseAndParameters() throws {
        let passphrase = ContainerKey.generateKey()
        let parameters = try EncryptionParameters(iterations: 100_000, chunkSize: 64 * 1024)

        var rejection: ContainerError?
        do {
            _ = try EncryptionParameters(iterations: 1_000)
        } catch {
            rejection = error
        }

        #expect(passphrase.count == 43)
        #expect(parameters.iterations == 100_000 && parameters.chunkSize == 65_536)
        #expect(rejection == .parameterOutOfRange(name: "iterations", value: 1000, accepted: 100_000...10_000_000))
    }

    @Test("Encrypt, verify and decrypt files")
    func encryptVerifyAndDecryptFiles() async throws {
        let written = try await ContainerFile.encrypt(
            from: dir.path("app.dump"), to: dir.path("app.dump.enc"), passphrase: passphrase, parameters: parameters)
        let verified = try await ContainerFile.verify(at: dir.path("app.dump.enc"), passphrase: passphrase)
        try await ContainerFile.decrypt(
            from: dir.path("app.dump.enc"), to: dir.path("restored.dump"), passphrase: passphrase)

        #expect(verified == written)
        #expect(FileManager.default.contentsEqual(atPath: dir.path("app.dump"), andPath: dir.path("restored.dump")))
    }

    @Test("Stream between any source and sink")
    func streamBetweenSourceAndSink() async throws {
        let plaintext = AsyncStream<Data> { continuation in
            continuation.yield(Data("first block, ".utf8))
            continuation.yield(Data("second block".utf8))
            continuation.finish()
        }
        var container = Data()
        let summary = try await ContainerStream.encrypt(plaintext, passphrase: passphrase, parameters: parameters) {
            container.append($0)
        }
        #expect(summary.plaintextBytes == 25 && summary.containerBytes == UInt64(container.count))

        let stored = AsyncStream<Data> { continuation in
            continuation.yield(container)
            continuation.finish()
        }
        var restored = Data()
        for try await block in stored.containerDecrypted(passphrase: passphrase) {
            restored.append(block)
        }
        #expect(restored == Data("first block, second block".utf8))
    }

    /// The article's standard input/output example; the descriptors are parameters so the test can use files.
    private func decryptStandardStreams(
        input inputDescriptor: Int32 = STDIN_FILENO, output outputDescriptor: Int32 = STDOUT_FILENO
    ) async throws -> ContainerSummary {
        let input = FileDescriptorBytes(descriptor: inputDescriptor)
        let output = FileDescriptorSink(descriptor: outputDescriptor)
        let decrypted = try await ContainerStream.decrypt(input, passphrase: passphrase, into: output.write)
        return decrypted
    }

    @Test("Stream between any source and sink: descriptors and paths")
    func streamDescriptorsAndPaths() async throws {
        let encrypted = try await ContainerFile.read(dir.path("app.dump")) { input in
            try await ContainerFile.writeAtomically(to: dir.path("app.dump.enc")) { output in
                try await ContainerStream.encrypt(
                    input, passphrase: passphrase, parameters: parameters, into: output.write)
            }
        }

        #expect(FileManager.default.createFile(atPath: dir.path("restored.dump"), contents: nil))
        let input = try #require(FileHandle(forReadingAtPath: dir.path("app.dump.enc")))
        let output = try #require(FileHandle(forWritingAtPath: dir.path("restored.dump")))
        defer {
            try? input.close()
            try? output.close()
        }
        let decrypted = try await decryptStandardStreams(input: input.fileDescriptor, output: output.fileDescriptor)

        #expect(decrypted == encrypted)
        #expect(FileManager.default.contentsEqual(atPath: dir.path("app.dump"), andPath: dir.path("restored.dump")))
    }

    /// The "Encrypt and decrypt incrementally" example; returns the container for the next section.
    private func encryptAndDecryptIncrementally() throws -> (sealed: Data, opened: Data, chunks: UInt64?) {
        var encryptor = try ContainerEncryptor(passphrase: passphrase, parameters: parameters)
        var sealed = Data()
        for piece in try encryptor.update(Data("hello, ".utf8)) { sealed.append(piece) }
        for piece in try encryptor.update(Data("world".utf8)) { sealed.append(piece) }
        for piece in try encryptor.finalize() { sealed.append(piece) }

        var decryptor = try ContainerDecryptor(passphrase: passphrase)
        var opened = Data()
        for piece in try decryptor.update(sealed) { opened.append(piece) }
        for piece in try decryptor.finalize() { opened.append(piece) }
        return (sealed, opened, decryptor.summary?.chunkCount)
    }

    @Test("Encrypt and decrypt incrementally")
    func incremental() throws {
        let (_, opened, chunks) = try encryptAndDecryptIncrementally()
        #expect(opened == Data("hello, world".utf8))
        #expect(chunks == 1)
    }

    @Test("Reuse a derived key")
    func reuseDerivedKey() throws {
        let (sealed, _, _) = try encryptAndDecryptIncrementally()

        let header = try ContainerHeader(decoding: sealed.prefix(ContainerHeader.byteCount))
        let key = try ContainerKey(passphrase: passphrase, salt: header.salt, iterations: Int(header.iterations))
        guard key.matches(header) else { throw ContainerError.wrongPassphrase }
        var again = ContainerDecryptor(key: key)
        var reopened = Data()
        for piece in try again.update(sealed) { reopened.append(piece) }
        for piece in try again.finalize() { reopened.append(piece) }

        #expect(reopened == Data("hello, world".utf8))
    }

    @Test("Handle errors", arguments: [true, false])
    func handleErrors(containerExists: Bool) async throws {
        if containerExists {
            try await ContainerFile.encrypt(
                from: dir.path("app.dump"), to: dir.path("app.dump.enc"), passphrase: passphrase, parameters: parameters
            )
        }

        var outcome = ""
        do {
            _ = try await ContainerFile.verify(at: dir.path("app.dump.enc"), passphrase: "not the passphrase")
        } catch ContainerError.wrongPassphrase {
            outcome = "ask again"
        } catch let error as ContainerError {
            outcome = error.description
        }

        let missing = "could not open \(dir.path("app.dump.enc")): No such file or directory"
        #expect(outcome == (containerExists ? "ask again" : missing))
    }
}
