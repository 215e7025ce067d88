import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation

extension Pgbm.DatabaseCommand {
    /// `db edit`: changes the given settings of a database; the others, the slug and the creation time stay.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a database's settings; options not given keep their stored values.",
            discussion: StoreCommandHelp.passwordSources
                + " A password from any of them replaces the stored one; --clear-password removes it.\n"
                + StoreCommandHelp.exitCodes)

        @OptionGroup var target: DatabaseTarget
        @Option(help: "New display name (the slug stays).") var name: String?
        @Option(help: "Server host name or address.") var host: String?
        @Option(help: "Database name on the server.") var database: String?
        @Option(help: "User that pg_dump connects as.") var user: String?
        @OptionGroup var settings: DatabaseOptions
        @OptionGroup var password: PasswordOptions
        @Flag(name: .customLong("clear-password"), help: "Remove the stored password.") var clearPassword = false

        func validate() throws {
            if clearPassword && password.explicit {
                throw ValidationError("--clear-password cannot be combined with --password-file or --prompt-password")
            }
            if !changesSomething { throw ValidationError("nothing to change: give at least one option") }
        }

        /// Whether any option (or `PGBM_DB_PASSWORD`) asks for a change.
        var changesSomething: Bool {
            let environment = ProcessInfo.processInfo.environment[PasswordOptions.environmentVariable]
            let identity = [name, host, database, user].contains { $0 != nil }
            return identity || !settings.isEmpty || password.explicit || clearPassword || environment?.isEmpty == false
        }

        func run() async throws {
            try await CLIError.reporting {
                let secret = clearPassword ? nil : try password.read()
                let change: PasswordChange = clearPassword ? .clear : PasswordChange(secret)
                let after = try await target.withDatabase { manager, stored in
                    DatabaseResponse(try await manager.databases.update(stored.id ?? 0, password: change, by: .commandLine()) {
                        $0 = try edited($0)
                    })
                }
                try target.output.emit(after) {
                    (["updated database \(after.id) \"\(after.name)\""] + after.lines).joined(separator: "\n")
                }
            }
        }

        /// `stored` with the given options applied, validated.
        func edited(_ stored: ConfiguredDatabase) throws -> ConfiguredDatabase {
            var record = stored
            if let name { record.name = name }
            if let host { record.host = host }
            if let database { record.database = database }
            if let user { record.user = user }
            try settings.apply(to: &record)
            try record.validate()
            return record
        }
    }
}
