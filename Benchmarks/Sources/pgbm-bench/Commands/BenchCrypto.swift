import ArgumentParser
import BackupCrypto
import Foundation

extension PgbmBench {
    struct BenchCrypto: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crypto",
            abstract: "Encrypt and decrypt one file with pgbm, openssl and gpg, pinned to one core.",
            discussion: """
                Every tool runs as a child process pinned to CPU 0 (taskset), reading the test file from the \
                page cache and writing to /dev/null, so wall time and peak RSS are measured the same way for \
                all. pgbm's figures include its PBKDF2 key derivation, reported separately too. Each tool's \
                round trip through real files is checked first, untimed.
                """
        )

        @Option(name: .customLong("size-mib"), help: "Size of the test file in MiB.")
        var sizeMiB = 1024

        @Option(name: .customLong("small-mib"), help: "Size of the second file used to show RSS does not grow.")
        var smallMiB = 64

        @Option(help: "Folder for the test files (removed afterwards).")
        var dir = NSTemporaryDirectory()

        @Option(help: "PBKDF2 iterations for pgbm.")
        var iterations = EncryptionParameters.defaultIterations

        @Option(help: "Timed runs per tool and direction; the best is reported.")
        var repeats = 3

        func validate() throws {
            guard sizeMiB >= 1, smallMiB >= 1 else { throw ValidationError("--size-mib and --small-mib must be at least 1") }
            guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        }

        func run() async throws {
            let work = URL(fileURLWithPath: dir).appendingPathComponent("pgbm-bench-\(getpid())").path
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: work) }
            let runner = BenchRunner(work: work, iterations: iterations, repeats: repeats)
            let report = try await runner.run(sizeMiB: sizeMiB, smallMiB: smallMiB)
            print(report)
        }
    }
}
