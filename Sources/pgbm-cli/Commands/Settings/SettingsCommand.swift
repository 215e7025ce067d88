import ArgumentParser

extension Pgbm {
    /// `pgbm-cli settings`: the typed settings groups of the configuration store.
    struct SettingsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings",
            abstract: "Show and change the settings groups: general, encryption, s3, notifications, retention.",
            discussion: """
                Keys are snake_case, as stored and as validation messages name them (retention.keep_last, \
                s3.part_size_mib, notifications.smtp_start_tls). Secrets (passwords, keys, passphrases) are \
                never part of a group.
                """ + "\n" + StoreCommandHelp.exitCodes,
            subcommands: [Show.self, SetValues.self, SetSecret.self, AddPassphrase.self])
    }
}
