import ArgumentParser
import BackupCrypto

extension Pgbm {
    struct GenerateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-key",
            abstract: "Print a strong random passphrase (32 random bytes, base64url). Store it somewhere safe.")

        func run() async throws {
            print(ContainerKey.generateKey())
        }
    }
}
