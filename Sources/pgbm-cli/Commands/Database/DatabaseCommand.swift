import ArgumentParser

extension Pgbm {
    /// `pgbm-cli db`: the PostgreSQL databases pgbm backs up, in the configuration store.
    struct DatabaseCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "db",
            abstract: "Databases to back up: add, list, show, edit and remove them in the configuration store.",
            discussion: StoreCommandHelp.passwordSources + "\n" + StoreCommandHelp.exitCodes,
            subcommands: [Add.self, List.self, Show.self, Edit.self, Test.self, Remove.self])
    }
}
