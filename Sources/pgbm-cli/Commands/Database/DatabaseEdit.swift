import ArgumentParser
import BackupAPIModels
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
                let (store, stored) = try await target.resolve()
                let record = try edited(stored)
                let before = try await DatabaseResponse(stored, in: store)
                let secret = clearPassword ? nil : try password.read()
                let updated = try await store.updateDatabase(record, password: secret)
                if clearPassword { try await store.setSecret(nil, for: .databasePassword(before.id)) }
                let after = try await DatabaseResponse(updated, in: store)
                try await audit(before: before, after: after, passwordReplaced: secret != nil, in: store)
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

        /// Appends `database.update` with the changed fields (old and new values; for the password only
        /// whether it was replaced or cleared).
        func audit(
            before: DatabaseResponse, after: DatabaseResponse, passwordReplaced: Bool, in store: any ConfigurationStore
        ) async throws {
            let (old, new) = (try JSONValue(encoding: before).members, try JSONValue(encoding: after).members)
            var details: [String: JSONValue] = ["changed": .object(JSONValue.changes(from: old, to: new))]
            if passwordReplaced { details["password"] = .string("replaced") }
            if clearPassword { details["password"] = .string("cleared") }
            try await CLIAudit(store: store).record(
                "database.update", target: "database", id: "\(after.id)", details: details)
        }
    }
}
