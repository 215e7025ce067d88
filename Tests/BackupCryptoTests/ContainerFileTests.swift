import BackupCrypto
import Foundation
import TestSupport
import Testing

@Suite("Container files")
struct ContainerFileTests {
    @Test("encrypts and decrypts files, leaving no partial files")
    func fileRoundTrip() async throws {
        let dir = try TemporaryDirectory()
        let plaintext = Data(CryptoFixture.plaintext(100_000))
        try plaintext.write(to: URL(fileURLWithPath: dir.path("plain")))
        let written = try await ContainerFile.encrypt(
            from: dir.path("plain"), to: dir.path("plain.enc"), passphrase: CryptoFixture.passphrase,
            parameters: CryptoFixture.parameters)
        let read = try await ContainerFile.decrypt(from: dir.path("plain.enc"), to: dir.path("out"), passphrase: CryptoFixture.passphrase)
        let verified = try await ContainerFile.verify(at: dir.path("plain.enc"), passphrase: CryptoFixture.passphrase)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("out"))) == plaintext)
        #expect(written == read && read == verified)
        #expect(verified.containerBytes == UInt64(try FileManager.default.attributesOfItem(atPath: dir.path("plain.enc"))[.size] as! Int))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["out", "plain", "plain.enc"])
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path("out"))[.posixPermissions] as! Int
        #expect(mode == 0o600)
    }

    @Test("a failed decryption leaves neither the output nor a partial file, and keeps an existing output")
    func failedDecryptionLeavesNothing() async throws {
        let dir = try TemporaryDirectory()
        var container = try CryptoFixture.encrypt(CryptoFixture.plaintext(20_000))
        container[57 + 4112 + 10] ^= 1
        try Data(container).write(to: URL(fileURLWithPath: dir.path("damaged.enc")))
        try Data("previous".utf8).write(to: URL(fileURLWithPath: dir.path("kept")))

        await #expect(throws: ContainerError.corrupted(chunk: 1)) {
            try await ContainerFile.decrypt(from: dir.path("damaged.enc"), to: dir.path("out"), passphrase: CryptoFixture.passphrase)
        }
        await #expect(throws: ContainerError.wrongPassphrase) {
            try await ContainerFile.decrypt(from: dir.path("damaged.enc"), to: dir.path("kept"), passphrase: "wrong")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["damaged.enc", "kept"])
        #expect(try String(contentsOfFile: dir.path("kept"), encoding: .utf8) == "previous")
    }

    @Test("a missing input names the file")
    func missingInput() async throws {
        let error = await #expect(throws: ContainerError.self) {
            try await ContainerFile.verify(at: "/nonexistent/backup.enc", passphrase: "x")
        }
        #expect(error?.description == "could not open /nonexistent/backup.enc: No such file or directory")
    }
}

@Suite("Container files: stale partial files")
struct StalePartialFileTests {
    @Test("a stale world-readable partial file is replaced by a new 0600 one")
    func stalePartialIsReplaced() async throws {
        let dir = try TemporaryDirectory()
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir.path("out.partial")))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.path("out.partial"))
        try Data(try CryptoFixture.encrypt([1, 2, 3])).write(to: URL(fileURLWithPath: dir.path("in.enc")))
        try await ContainerFile.decrypt(from: dir.path("in.enc"), to: dir.path("out"), passphrase: CryptoFixture.passphrase)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("out"))) == Data([1, 2, 3]))
        #expect(try FileManager.default.attributesOfItem(atPath: dir.path("out"))[.posixPermissions] as? Int == 0o600)
    }

    @Test("a partial file that is a symbolic link is not followed")
    func partialSymlinkIsNotFollowed() async throws {
        let dir = try TemporaryDirectory()
        try Data("precious".utf8).write(to: URL(fileURLWithPath: dir.path("victim")))
        try FileManager.default.createSymbolicLink(atPath: dir.path("out.partial"), withDestinationPath: dir.path("victim"))
        try Data(try CryptoFixture.encrypt([7])).write(to: URL(fileURLWithPath: dir.path("in.enc")))
        try await ContainerFile.decrypt(from: dir.path("in.enc"), to: dir.path("out"), passphrase: CryptoFixture.passphrase)
        #expect(try String(contentsOfFile: dir.path("victim"), encoding: .utf8) == "precious")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("out"))) == Data([7]))
    }
}
