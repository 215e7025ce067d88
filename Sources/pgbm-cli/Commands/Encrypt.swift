import ArgumentParser
import BackupCrypto
import PgbmOptions

extension Pgbm {
    struct Encrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Encrypt a file or stream into a pgbm container (AES-256-GCM, PBKDF2-SHA256; Docs/FORMAT.md).")

        @OptionGroup var stream: StreamOptions
        @OptionGroup var passphrase: PassphraseOptions
        @OptionGroup var shared: SharedOptions

        @Option(help: "PBKDF2-HMAC-SHA256 iterations (100000 to 10000000).")
        var iterations = EncryptionParameters.defaultIterations

        @Option(name: .customLong("chunk-size"), help: "Plaintext bytes per chunk (4096 to 16777216).")
        var chunkSize = EncryptionParameters.defaultChunkSize

        func validate() throws {
            do {
                _ = try EncryptionParameters(iterations: iterations, chunkSize: chunkSize)
            } catch {
                throw ValidationError("--iterations/--chunk-size: \(error)")
            }
        }

        func run() async throws {
            try stream.refuseTerminalOutput("encrypted data")
            let parameters = try EncryptionParameters(iterations: iterations, chunkSize: chunkSize)
            try await CLIError.reporting {
                let passphrase = try passphrase.read(confirm: true)
                _ = try await stream.transform { input, output in
                    try await ContainerStream.encrypt(input, passphrase: passphrase, parameters: parameters, into: output.write)
                }
            }
        }
    }
}
