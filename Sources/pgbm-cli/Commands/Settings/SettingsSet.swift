import ArgumentParser
import BackupRepository
import PgbmOptions

extension Pgbm.SettingsCommand {
    /// `settings set`: changes keys of one or more groups; every group is validated before any is saved.
    struct SetValues: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change settings: group.key=value ..., e.g. retention.daily=14 s3.bucket=backups.",
            discussion: """
                A value that reads as JSON and fits the key is taken as JSON (14, true, null, ["ops@example.com"]); \
                anything else as a string. Every changed group is validated before any is saved, and each change \
                is recorded in the audit log.
                """ + "\n" + StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Argument(help: "One or more group.key=value.") var assignments: [String]
        @OptionGroup var output: OutputOptions

        /// A group's fields before and after the change.
        struct Change {
            let type: any SettingsGroup.Type
            let before: SettingsDocument
            var after: SettingsDocument
        }

        func run() async throws {
            try await CLIError.reporting {
                let parsed = try assignments.map(SettingsAssignment.init(parsing:))
                let store = try shared.openStore()
                let changes = try await plan(parsed, in: store)
                for change in changes {
                    try await SettingsGroups.save(change.after, as: change.type, in: store)
                    try await CLIAudit(store: store).record(
                        "settings.update", target: "settings", id: change.after.group,
                        details: [
                            "changed": .object(JSONValue.changes(from: change.before.fields, to: change.after.fields))
                        ])
                }
                let json = Dictionary(uniqueKeysWithValues: changes.map { ($0.after.group, $0.after.fields) })
                try output.emit(json) { Self.summary(changes) }
            }
        }

        /// Applies the assignments group by group (in the order groups first appear) and validates each group.
        func plan(_ assignments: [SettingsAssignment], in store: any ConfigurationStore) async throws -> [Change] {
            var changes: [Change] = []
            for assignment in assignments {
                if !changes.contains(where: { $0.before.group == assignment.group }) {
                    let type = try SettingsGroups.named(assignment.group)
                    let document = try await SettingsGroups.document(type, in: store)
                    changes.append(Change(type: type, before: document, after: document))
                }
                let index = changes.firstIndex { $0.before.group == assignment.group } ?? 0
                try changes[index].after.set(assignment.key, to: assignment.value, as: changes[index].type)
            }
            for change in changes { try SettingsGroups.validate(change.after, as: change.type) }
            return changes
        }

        /// `group.key = new (was old)` for every changed key.
        static func summary(_ changes: [Change]) -> String {
            var lines: [String] = []
            for change in changes {
                let (group, before, after) = (change.after.group, change.before.fields, change.after.fields)
                for key in JSONValue.changes(from: before, to: after).keys.sorted() {
                    let new = after[key]?.displayText ?? "null"
                    lines.append("\(group).\(key) = \(new) (was \(before[key]?.displayText ?? "null"))")
                }
            }
            return lines.isEmpty ? "nothing changed" : lines.joined(separator: "\n")
        }
    }
}
