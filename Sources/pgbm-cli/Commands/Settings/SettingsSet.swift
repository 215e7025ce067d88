import ArgumentParser
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.SettingsCommand {
    /// `settings set`: changes keys of one or more sections through ``SettingsService``; every section is
    /// validated before any is saved.
    struct SetValues: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change settings: section.key=value ..., e.g. retention.daily=14 s3.bucket=backups.",
            discussion: """
                A value that reads as JSON and fits the key is taken as JSON (14, true, null, ["ops@example.com"]); \
                anything else as a string. Every changed section is validated before any is saved, and each change \
                is recorded in the audit log. --json prints every section as GET /api/config/settings does.
                """ + "\n" + StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Argument(help: "One or more section.key=value.") var assignments: [String]
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let parsed = try assignments.map(SettingsAssignment.init(parsing:))
                let (before, after) = try await shared.withManager { manager in
                    let before = try await manager.settings.show()
                    let texts = parsed.map { (section: $0.group, key: $0.key, text: $0.value) }
                    return (before, try await manager.settings.update(texts: texts, by: .commandLine()))
                }
                try output.emit(after) { Self.summary(from: before, to: after) }
            }
        }

        /// `section.key = new (was old)` for every field that changed, in section order.
        static func summary(from before: SettingsSnapshot, to after: SettingsSnapshot) -> String {
            var lines: [String] = []
            for section in SettingsSection.all {
                let (old, new) = (before.sections[section.name]?.members ?? [:], after.sections[section.name]?.members ?? [:])
                for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
                    let text = new[key]?.displayText ?? "null"
                    lines.append("\(section.name).\(key) = \(text) (was \(old[key]?.displayText ?? "null"))")
                }
            }
            return lines.isEmpty ? "nothing changed" : lines.joined(separator: "\n")
        }
    }
}
