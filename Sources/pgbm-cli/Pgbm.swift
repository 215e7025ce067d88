import ArgumentParser
import BackupCore

struct Pgbm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgbm-cli",
        abstract: "pgbm from a terminal: encrypt, decrypt and verify backups, reach S3, and benchmarks.",
        discussion: """
            Passphrases come from --passphrase-file, the PGBM_PASSPHRASE environment variable, or a prompt \
            on the terminal; never from an argument.
            Exit codes: 0 success, 1 other error, 3 not a pgbm file or unsupported format, 4 wrong passphrase, \
            5 corrupted data, 6 truncated file, 7 data after the final chunk, 10-23 storage failures (Docs/STORAGE.md), \
            64 bad usage.
            """,
        version: BackupCore.version,
        subcommands: [Encrypt.self, Decrypt.self, Verify.self, GenerateKey.self, S3.self, Bench.self, Debug.self]
    )
}

@main
enum PgbmMain {
    static func main() async {
        MemoryTuning.apply()
        await Pgbm.main()
    }
}
