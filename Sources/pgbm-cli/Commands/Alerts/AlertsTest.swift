import ArgumentParser
import BackupAPIModels
import BackupCore
import Logging
import PgbmOptions

extension Pgbm.AlertsCommand {
    /// `alerts test [--channel email|webhook|heartbeat]`: sends a test message now.
    struct AlertsTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send a test message on one channel, or on every configured one.",
            discussion: """
                Uses the stored notifications settings (pgbm-cli settings show notifications). Without --channel, \
                every configured channel is tested. The heartbeat test pings the URL itself (a success ping). \
                Each test is recorded in the audit log (alert.test). Exits 0 when every tested channel sent, 2 when \
                one failed, is not configured, or none is configured.
                """)

        @OptionGroup var shared: SharedOptions
        @Option(help: "email, webhook or heartbeat; default: every configured channel.") var channel: String?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let channel, AlertChannel(rawValue: channel) == nil {
                throw ValidationError("--channel: \"\(channel)\" is not one of email, webhook, heartbeat")
            }
        }

        func run() async throws {
            var results: [SettingsTestResponse] = []
            try await CLIError.reporting {
                results = try await shared.withManager(label: "pgbm.alerts") { manager in await test(manager.settings) }
                guard !results.isEmpty else {
                    throw CLIFailure("no alert channel is configured: set notifications.email_transport, webhook_urls or heartbeat_url", code: 2)
                }
                try output.emit(PageResponse(items: results, nextCursor: nil)) {
                    results.map { "\($0.channel ?? ""): \($0.ok ? "sent" : $0.error?.code ?? ""): \($0.message ?? $0.error?.message ?? "")" }
                        .joined(separator: "\n")
                }
            }
            if results.contains(where: { !$0.ok }) { throw ExitCode(2) }
        }

        /// The chosen channel's result, or those of every configured channel.
        func test(_ settings: SettingsService) async -> [SettingsTestResponse] {
            if let channel = channel.flatMap(AlertChannel.init(rawValue:)) { return [SettingsTestResponse(await settings.testAlert(channel))] }
            var results: [SettingsTestResponse] = []
            for channel in AlertChannel.allCases {
                let result = SettingsTestResponse(await settings.testAlert(channel))
                if result.error?.code != "not_configured" { results.append(result) }
            }
            return results
        }
    }
}
