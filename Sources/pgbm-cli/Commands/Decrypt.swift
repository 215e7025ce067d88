import ArgumentParser
import BackupCrypto
import PgbmOptions

extension Pgbm {
    struct Decrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decrypt a pgbm container; needs only the file and its passphrase.",
            discussion: "Plaintext is written only after its chunk authenticated. Written to a file, it appears only when complete.")

        @OptionGroup var stream: StreamOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var shared: SharedOptions

        func run() async throws {
            try await CLIError.reporting {
                let passphrase = try passphrase.read(confirm: false)
                _ = try await stream.transform { input, output in
                    try await ContainerStream.decrypt(input, passphrase: passphrase, into: output.write)
                }
            }
        }
    }
}
