import ArgumentParser
import BackupRepository
import Foundation
import Logging

/// `pgbm-test-tool`: what pgbm's own tests need a second process for (several writers on one store, a lease
/// held by a process that is then killed). Built with the tests; not shipped.
@main
struct PgbmTestTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgbm-test-tool", abstract: "Second processes for pgbm's tests.",
        subcommands: [StoreWrite.self, LeaseHold.self])

    struct StoreWrite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store-write", abstract: "Append N audit events, one transaction each.")
        @Option(name: .customLong("data-dir")) var dataDirectory: String
        @Option var rows = 1000
        @Option var actor = "cli"

        func run() async throws {
            let store = try SQLiteStore.open(dataDirectory: dataDirectory, logger: Logger(label: "pgbm.test-tool"))
            for index in 0..<rows {
                try await store.append(AuditEvent(actorKind: .cli, actor: actor, action: "debug.write", targetId: "\(index)", outcome: .success))
            }
            print("wrote \(rows)")
        }
    }

    struct LeaseHold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lease-hold", abstract: "Take a lease, say so, and keep the process alive.")
        @Option(name: .customLong("data-dir")) var dataDirectory: String
        @Option var name: String
        @Option var holder: String
        @Option(help: "Lease duration in seconds.") var duration: Double = 2
        @Option(help: "How long to stay alive.") var seconds: Double = 60

        func run() async throws {
            let store = try SQLiteStore.open(dataDirectory: dataDirectory, logger: Logger(label: "pgbm.test-tool"))
            let acquired = try await store.acquireLease(name, holder: holder, duration: duration, now: Date())
            // Written unbuffered: the test waits for this line while the process keeps running.
            FileHandle.standardOutput.write(Data((acquired ? "acquired\n" : "busy\n").utf8))
            guard acquired else { throw ExitCode(3) }
            try await Task.sleep(for: .seconds(seconds))
        }
    }
}
