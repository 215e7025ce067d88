import ArgumentParser

extension Pgbm {
    struct AlertsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alerts",
            abstract: "Check the alert channels (email, webhooks, heartbeat); see Docs/ALERTS.md.",
            subcommands: [AlertsTest.self])
    }
}
