import ArgumentParser
import BackupCore
import Foundation
import Logging

struct Pgbm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgbm-cli",
        abstract: """
            pgbm from a terminal: manage databases, schedules and settings; encrypt, decrypt and verify backups; \
            reach S3; preview retention; benchmarks.
            """,
        discussion: """
            Passphrases come from --passphrase-file, the PGBM_PASSPHRASE environment variable, or a prompt \
            on the terminal; database passwords from --password-file, PGBM_DB_PASSWORD or --prompt-password; \
            never from an argument.
            Exit codes: 0 success, 1 other error, 2 the operation ran and failed, 3 not a pgbm file or unsupported \
            format, 4 wrong passphrase, 5 corrupted data, 6 truncated file, 7 data after the final chunk, 10-22 \
            storage failures, 30-54 PostgreSQL connection, client program or run failures, 64 bad usage, invalid \
            input, a name already taken or a reference that matches nothing (the message names the field). \
            pgbm-cli error-codes lists them all; Docs/ERRORS.md says what each means.
            """,
        version: BackupCore.version,
        subcommands: [
            DatabaseCommand.self, BackupCommand.self, ScheduleCommand.self, SettingsCommand.self, Encrypt.self, Decrypt.self, Verify.self,
            GenerateKey.self, S3.self, RetentionCommand.self, RestoreCommand.self, AlertsCommand.self, UserCommand.self,
            ErrorCodes.self,
        ]
    )
}

@main
enum PgbmMain {
    static func main() async {
        // Files and folders the CLI creates are its own user's only (Docs/SECURITY.md, "Files and folders").
        FileCreationMask.apply()
        let level = logLevel(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        await Pgbm.main()
    }

    /// `--log-level` from the arguments, else `PGBM_LOG_LEVEL`, else info; a bad value is reported by the
    /// argument parser, which validates the same option.
    static func logLevel(arguments: [String], environment: [String: String]) -> Logger.Level {
        var value = environment["PGBM_LOG_LEVEL"]
        for (index, argument) in arguments.enumerated() {
            if argument == "--log-level", index + 1 < arguments.count { value = arguments[index + 1] }
            if argument.hasPrefix("--log-level=") { value = String(argument.dropFirst("--log-level=".count)) }
        }
        return value.flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
    }
}
