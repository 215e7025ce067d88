import ArgumentParser
import BackupRepository
import Foundation
import Logging
import PgbmOptions

extension Pgbm {
    /// Commands for tests and diagnosis of the configuration store; not part of daily use.
    struct Debug: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Diagnose the configuration store (used by pgbm's own tests).", shouldDisplay: false,
            subcommands: [StoreWrite.self, LeaseHold.self])

        struct StoreWrite: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "store-write", abstract: "Append N audit events, one transaction each.")
            @OptionGroup var shared: SharedOptions
            @Option var rows = 1000
            @Option var actor = "cli"

            func run() async throws {
                let store = try SQLiteStore.open(dataDirectory: shared.resolvedDataDir, logger: Logger(label: "pgbm.cli"))
                for index in 0..<rows {
                    try store.append(AuditEvent(actorKind: .cli, actor: actor, action: "debug.write", targetId: "\(index)", outcome: .success))
                }
                print("wrote \(rows)")
            }
        }

        struct LeaseHold: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "lease-hold", abstract: "Take a lease, say so, and keep the process alive.")
            @OptionGroup var shared: SharedOptions
            @Option var name: String
            @Option var holder: String
            @Option(help: "Lease duration in seconds.") var duration: Double = 2
            @Option(help: "How long to stay alive.") var seconds: Double = 60

            func run() async throws {
                let store = try SQLiteStore.open(dataDirectory: shared.resolvedDataDir, logger: Logger(label: "pgbm.cli"))
                let acquired = try store.acquireLease(name, holder: holder, duration: duration, now: Date())
                // Written unbuffered: the test waits for this line while the process keeps running.
                FileHandle.standardOutput.write(Data((acquired ? "acquired\n" : "busy\n").utf8))
                guard acquired else { throw ExitCode(3) }
                try await Task.sleep(for: .seconds(seconds))
            }
        }
    }
}
