import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `pgbm-cli encrypt | decrypt | verify` as an operator runs them: real processes, pipes and files.
@Suite("pgbm-cli encrypt, decrypt, verify", .serialized)
struct CLICryptoTests {
    static let passphrase = "cli canary \(UUID().uuidString)"
    static let cli = TestServices.executable("pgbm-cli")
    static let env: [String: String?] = ["PGBM_PASSPHRASE": passphrase]

    func cli(_ arguments: [String], stdin: Data = Data(), environment: [String: String?] = env) throws -> ProcessRunner.Result {
        try ProcessRunner.run(Self.cli, arguments, environment: environment, stdin: stdin)
    }

    @Test("encrypt | decrypt round-trips through pipes")
    func pipeRoundTrip() throws {
        let dir = try TemporaryDirectory()
        let plain = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        try plain.write(to: URL(fileURLWithPath: dir.path("plain")))
        let result = try ProcessRunner.shell(
            "'\(Self.cli)' encrypt --iterations 100000 --chunk-size 65536 < plain | '\(Self.cli)' decrypt > out",
            environment: Self.env, currentDirectory: dir.url)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("out"))) == plain)
    }

    @Test("verify authenticates a file and prints its parameters")
    func verifyPrintsParameters() throws {
        let encrypted = try cli(["encrypt", "--iterations", "100000", "--chunk-size", "4096"], stdin: Data(count: 10_000))
        #expect(encrypted.status == 0)
        let verified = try cli(["verify"], stdin: encrypted.stdout)
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText.contains("iterations: 100000"))
        #expect(verified.stdoutText.contains("chunk size: 4096"))
        #expect(verified.stdoutText.contains("chunks: 3"))
        #expect(verified.stdoutText.contains("plaintext bytes: 10000"))
        #expect(verified.stdoutText.contains("file bytes: \(encrypted.stdout.count)"))
    }

    @Test(
        "a passphrase file with one trailing newline equals the same passphrase from the environment",
        arguments: ["\n", "\r\n", ""])
    func passphraseFile(newline: String) throws {
        let dir = try TemporaryDirectory()
        try Data((Self.passphrase + newline).utf8).write(to: URL(fileURLWithPath: dir.path("pass")))
        let encrypted = try cli(["encrypt", "--iterations", "100000"], stdin: Data("secret rows".utf8))
        let decrypted = try cli(
            ["decrypt", "--passphrase-file", dir.path("pass")], stdin: encrypted.stdout, environment: ["PGBM_PASSPHRASE": nil])
        #expect(decrypted.status == 0, "\(decrypted.stderrText)")
        #expect(decrypted.stdoutText == "secret rows")
    }

    struct Damage: Sendable, CustomTestStringConvertible {
        let name: String
        let code: Int32
        let message: String
        let damage: @Sendable ([UInt8]) -> [UInt8]
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "not a pgbm file", code: 3, message: "not a pgbm encrypted file") { _ in Array("hello".utf8) },
        Damage(name: "unsupported version", code: 3, message: "unsupported format version 2") { var b = $0; b[8] = 2; return b },
        Damage(name: "corrupted", code: 5, message: "chunk 1 failed authentication") { var b = $0; b[57 + 4112 + 5] ^= 1; return b },
        Damage(name: "truncated", code: 6, message: "truncated file") { Array($0.prefix(57 + 2 * 4112)) },
        Damage(name: "trailing data", code: 7, message: "unexpected data after the final chunk 2") { $0 + [0] },
    ]

    @Test("each kind of damage has its own exit code and message", arguments: damages)
    func damageExitCodes(damage: Damage) throws {
        // Given a 3-chunk container whose plaintext fills its last chunk exactly
        let encrypted = try cli(["encrypt", "--iterations", "100000", "--chunk-size", "4096"], stdin: Data(count: 3 * 4096))
        // When it is damaged and decrypted
        let result = try cli(["decrypt"], stdin: Data(damage.damage(Array(encrypted.stdout))))
        // Then the exit code and message name the cause
        #expect(result.status == damage.code)
        #expect(result.stderrText.contains(damage.message), "\(result.stderrText)")
        #expect(!result.stderrText.contains(Self.passphrase))
    }

    @Test("a wrong passphrase exits 4, unlike corruption (5)")
    func wrongPassphraseExitCode() throws {
        let encrypted = try cli(["encrypt", "--iterations", "100000"], stdin: Data("x".utf8))
        let result = try cli(["decrypt"], stdin: encrypted.stdout, environment: ["PGBM_PASSPHRASE": "not it"])
        #expect(result.status == 4)
        #expect(result.stderrText.contains("wrong passphrase"))
        #expect(result.stdout.isEmpty)
    }

    @Test("decrypting to a file leaves nothing behind when the data is corrupted")
    func corruptedToFile() throws {
        let dir = try TemporaryDirectory()
        var encrypted = try Array(cli(["encrypt", "--iterations", "100000", "--chunk-size", "4096"], stdin: Data(count: 9000)).stdout)
        encrypted[57 + 4112 + 1] ^= 4
        let result = try cli(["decrypt", "-o", dir.path("restored.dump")], stdin: Data(encrypted))
        #expect(result.status == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }

    @Test("without a passphrase source or terminal the error says where to put it")
    func noPassphraseSource() throws {
        let result = try ProcessRunner.run(
            "/usr/bin/setsid", ["-w", Self.cli, "decrypt"], environment: ["PGBM_PASSPHRASE": nil], stdin: Data("x".utf8))
        #expect(result.status != 0)
        #expect(result.stderrText.contains("--passphrase-file"))
        #expect(result.stderrText.contains("PGBM_PASSPHRASE"))
    }

    @Test("a passphrase file that is not UTF-8, empty or missing is refused with the reason")
    func badPassphraseFiles() throws {
        let dir = try TemporaryDirectory()
        try Data([0x70, 0xE4, 0x73, 0x73]).write(to: URL(fileURLWithPath: dir.path("latin1")))
        try Data("\n".utf8).write(to: URL(fileURLWithPath: dir.path("empty")))
        let cases: [(String, Int32, String)] = [
            (dir.path("latin1"), 64, "is not UTF-8 text"),
            (dir.path("empty"), 64, "is empty"),
            (dir.path("missing"), 1, "cannot read the passphrase file \(dir.path("missing")): No such file or directory"),
        ]
        for (path, code, message) in cases {
            let result = try cli(["decrypt", "--passphrase-file", path], stdin: Data("x".utf8), environment: [:])
            #expect(result.status == code, "\(path)")
            #expect(result.stderrText.contains(message), "\(result.stderrText)")
        }
    }

    @Test("no option takes the passphrase itself")
    func noPassphraseArgument() throws {
        let refused = try cli(["encrypt", "--passphrase", Self.passphrase])
        #expect(refused.status == 64)
        for command in ["encrypt", "decrypt", "verify"] {
            let help = try cli([command, "--help"])
            let options = help.stdoutText.split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("-") && $0.contains("passphrase") }
            #expect(options.count == 1 && options[0].contains("--passphrase-file"), "\(command): \(options)")
        }
    }

    @Test("bad iterations are refused with the option named")
    func badIterations() throws {
        let result = try cli(["encrypt", "--iterations", "1000"])
        #expect(result.status == 64)
        #expect(result.stderrText.contains("--iterations"))
        #expect(result.stderrText.contains("100000"))
    }

    @Test("the passphrase never appears in the process list", arguments: ["env", "file"])
    func passphraseNotInProcessList(source: String) throws {
        // Given an encrypt process waiting on its standard input
        let dir = try TemporaryDirectory()
        try Data(Self.passphrase.utf8).write(to: URL(fileURLWithPath: dir.path("pass")))
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: Self.cli)
        process.arguments = ["encrypt", "--iterations", "100000", "-o", dir.path("out.enc")]
            + (source == "file" ? ["--passphrase-file", dir.path("pass")] : [])
        process.environment = ProcessRunner.merged(source == "env" ? Self.env : ["PGBM_PASSPHRASE": nil])
        let input = Pipe()
        process.standardInput = input
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        Thread.sleep(forTimeInterval: 0.5)
        // When the process list is read
        let ps = try ProcessRunner.run("/bin/ps", ["-eww", "-o", "pid,args"])
        let cmdline = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(process.processIdentifier)/cmdline"))
        // Then it shows the command but not the passphrase
        #expect(ps.stdoutText.contains("pgbm-cli encrypt"))
        #expect(!ps.stdoutText.contains(Self.passphrase))
        #expect(!String(decoding: cmdline, as: UTF8.self).contains(Self.passphrase))
        try input.fileHandleForWriting.write(contentsOf: Data("data".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
