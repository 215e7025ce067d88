import ArgumentParser
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.SettingsCommand {
    /// `settings show [section]`: the settings as `section.key = value` lines, or with `--json` as
    /// `GET /api/config/settings` shows them (secrets and write-only fields only as `<name>_set`).
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show settings as section.key = value lines (a section's defaults until it is saved).",
            discussion: "Values print as settings set takes them: strings bare unless they would read as JSON. "
                + "Secrets show only whether they are set.\n" + StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Argument(help: "general, backup, s3, encryption, notifications or retention; every section when left out.")
        var group: String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let sections = try group.map { [try SettingsSection.named($0)] } ?? SettingsSection.all
                var snapshot = try await shared.withManager { manager in try await manager.settings.show() }.sections
                snapshot = snapshot.filter { name, _ in sections.contains { $0.name == name } }
                try output.emit(snapshot) { sections.map { Self.lines($0, fields: snapshot[$0.name]?.members ?? [:]) }.joined(separator: "\n") }
            }
        }

        /// One line per field, unset fields as `null`.
        static func lines(_ section: SettingsSection, fields: [String: JSONValue]) -> String {
            var all = fields
            for key in section.keys.subtracting(section.writeOnly) where all[key] == nil { all[key] = .null }
            return all.sorted { $0.key < $1.key }.map { "\(section.name).\($0.key) = \($0.value.displayText)" }
                .joined(separator: "\n")
        }
    }
}
