import ArgumentParser

extension Pgbm {
    /// `pgbm-cli user`: the people who may sign in to the web UI and API.
    struct UserCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Users of the web UI and API: create, list, delete them and set their passwords.",
            discussion: """
                The password comes from --password-file FILE, the environment variable PGBM_USER_PASSWORD, or a \
                prompt on the terminal (asked twice, without echo), never from an argument; it must be at least \
                12 characters long. Passwords are stored as bcrypt hashes.
                """ + "\n" + StoreCommandHelp.exitCodes,
            subcommands: [Create.self, List.self, Delete.self, SetPassword.self])
    }
}
