import ArgumentParser
import BackupCore
import BackupRepository
import Foundation
import Logging
import PgbmOptions

extension Pgbm {
    struct RetentionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Retention policy: preview what it would delete (Docs/RETENTION.md).",
            subcommands: [Preview.self])

        struct Preview: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List a database's backup copies (local and S3) with keep or delete and the reason. Deletes nothing.")

            @OptionGroup var shared: SharedOptions
            @Option(help: "The database: its id, name or slug.") var database: String
            @Flag(help: "Show only what would be deleted.") var deletionsOnly = false

            func run() async throws {
                try await CLIError.reporting {
                    let plan = try await shared.withManager { manager in
                        let id = try await DatabaseResolver.resolve(database, in: manager.store).id ?? 0
                        return try await manager.backups.retentionPreview(databaseId: id).plan
                    }
                    print(Self.render(plan, deletionsOnly: deletionsOnly))
                }
            }

            static func render(_ plan: RetentionPlan, deletionsOnly: Bool) -> String {
                let formatter = ISO8601DateFormatter()
                var lines: [String] = []
                for decision in deletionsOnly ? plan.deletions : plan.decisions {
                    let verdict = decision.keep ? "keep  " : "delete"
                    lines.append("\(verdict) \(decision.item.location.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) "
                        + "\(formatter.string(from: decision.item.createdAt))  \(decision.item.id)  (\(decision.reasons.joined(separator: ", ")))")
                }
                lines.append("\(plan.kept.count) kept, \(plan.deletions.count) to delete, \(plan.bytesFreed) bytes freed")
                return lines.joined(separator: "\n")
            }
        }
    }
}
