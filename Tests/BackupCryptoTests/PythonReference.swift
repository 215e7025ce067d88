import Foundation
import TestSupport
import Testing

/// Runs the Python scripts from the repository root with the test passphrase in the environment.
enum PythonReference {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? "/usr/bin/python3"

    static var available: Bool {
        TestServices.isCI || ((try? ProcessRunner.shell("python3 -c 'import cryptography'").status) == 0)
    }

    static let skipMessage: Comment = "needs python3 with the cryptography package: run Scripts/test"

    static func run(_ arguments: [String], environment: [String: String?] = [:], stdin: Data) throws -> ProcessRunner.Result {
        var env: [String: String?] = ["PGBM_PASSPHRASE": CryptoFixture.passphrase]
        env.merge(environment) { $1 }
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        return try ProcessRunner.run(
            "/bin/sh", ["-c", "exec python3 \(quoted)"], environment: env, stdin: stdin,
            currentDirectory: TestServices.repositoryRoot)
    }
}
