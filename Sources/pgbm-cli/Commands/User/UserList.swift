import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import PgbmOptions

extension Pgbm.UserCommand {
    /// `user list`: every user, by name.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users, by name.", discussion: StoreCommandHelp.exitCodes)

        @OptionGroup var shared: SharedOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CLIError.reporting {
                let views = try await shared.withManager { manager in try await manager.users.list() }.map(UserResponse.init)
                try output.emit(PageResponse(items: views, nextCursor: nil)) {
                    var table = TextTable(["ID", "USERNAME", "ROLE", "DISABLED", "CREATED"])
                    for view in views {
                        table.append([
                            "\(view.id)", view.username, view.role, view.disabled ? "yes" : "no", CLIOutput.date(view.createdAt),
                        ])
                    }
                    return table.rendered
                }
            }
        }
    }
}
