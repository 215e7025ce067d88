import ArgumentParser
import BackupCrypto
import PgbmOptions

extension Pgbm {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Authenticate every chunk of a pgbm container and print its size and parameters.")

        @Option(name: [.short, .customLong("input")], help: "File to check, or - for standard input.")
        var input = "-"

        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var shared: SharedOptions

        func run() async throws {
            try await CLIError.reporting {
                let passphrase = try passphrase.read(confirm: false)
                let summary = try await StreamOptions.withInput(input) {
                    try await ContainerStream.verify($0, passphrase: passphrase)
                }
                print(Self.report(summary, name: input))
            }
        }

        static func report(_ summary: ContainerSummary, name: String) -> String {
            """
            OK: \(name == "-" ? "standard input" : name): every chunk authenticated
            format: pgbm container version 1, AES-256-GCM, PBKDF2-HMAC-SHA256
            iterations: \(summary.header.iterations)
            chunk size: \(summary.header.chunkSize)
            chunks: \(summary.chunkCount)
            plaintext bytes: \(summary.plaintextBytes)
            file bytes: \(summary.containerBytes)
            """
        }
    }
}
