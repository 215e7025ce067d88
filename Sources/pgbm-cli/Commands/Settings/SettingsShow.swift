import ArgumentParser
import PgbmOptions

extension Pgbm.SettingsCommand {
    /// `settings show`: one group's keys and values, or every group's.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show settings as group.key = value lines (a group's defaults until it is saved).",
            discussion: "Values print as settings set takes them: strings bare unless they would read as JSON.\n"
                + StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @Argument(help: "general, encryption, s3, notifications or retention; every group when left out.") var group:
            String?
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let types = try group.map { [try SettingsGroups.named($0)] } ?? SettingsGroups.all
                let store = try shared.openStore()
                var documents: [SettingsDocument] = []
                for type in types { documents.append(try await SettingsGroups.document(type, in: store)) }
                let json = Dictionary(uniqueKeysWithValues: documents.map { ($0.group, $0.fields) })
                try output.emit(json) { documents.map(Self.lines).joined(separator: "\n") }
            }
        }

        /// `group.key = value`, one line per key, sorted by key.
        static func lines(_ document: SettingsDocument) -> String {
            document.fields.sorted { $0.key < $1.key }.map { "\(document.group).\($0.key) = \($0.value.displayText)" }
                .joined(separator: "\n")
        }
    }
}
