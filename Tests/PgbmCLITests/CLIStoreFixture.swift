import BackupRepository
import Foundation
import Logging
import TestSupport
import Testing

/// A data folder of its own for `pgbm-cli` store commands, and the store to check what they wrote.
struct CLIStoreFixture {
    static let cli = TestServices.executable("pgbm-cli")

    let directory: TemporaryDirectory
    var dataDirectory: String { directory.path("data") }

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Runs `pgbm-cli arguments --data-dir <folder>` with `USER=tester` and without the `PGBM_*`
    /// variables that would change the outcome, unless `environment` sets them.
    func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> ProcessRunner.Result {
        let base: [String: String?] = [
            "PGBM_DB_PASSWORD": nil, "PGBM_MASTER_KEY": nil, "PGBM_DATA_DIR": nil, "USER": "tester",
        ]
        return try ProcessRunner.run(
            Self.cli, arguments + ["--data-dir", dataDirectory], environment: base.merging(environment) { $1 })
    }

    /// Runs with `--json`, expects exit 0 and returns the parsed output.
    func json(_ arguments: [String], environment: [String: String?] = [:]) throws -> Any {
        let result = try run(arguments + ["--json"], environment: environment)
        try #require(result.status == 0, "\(arguments): \(result.stderrText)")
        return try JSONSerialization.jsonObject(with: result.stdout, options: [.fragmentsAllowed])
    }

    /// Runs with `--json` and returns the output as an object.
    func object(_ arguments: [String], environment: [String: String?] = [:]) throws -> [String: Any] {
        try #require(try json(arguments, environment: environment) as? [String: Any])
    }

    /// Runs a list command with `--json` and returns the items of the page it prints (`{"items": [...]}`,
    /// as the API's list routes).
    func list(_ arguments: [String]) throws -> [[String: Any]] {
        try #require(try object(arguments)["items"] as? [[String: Any]])
    }

    /// The store the commands wrote to.
    func store() throws -> SQLiteStore {
        try SQLiteStore.open(
            dataDirectory: dataDirectory, environment: [:],
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// Every audit event, oldest first.
    func auditEvents() async throws -> [AuditEvent] {
        try await store().events(AuditFilter(), limit: 1000, cursor: nil).items.reversed()
    }

    /// Adds database `name` through the CLI and returns its id.
    @discardableResult
    func addDatabase(_ name: String = "app", extra: [String] = [], environment: [String: String?] = [:]) throws -> Int {
        let added = try object(
            ["db", "add", "--name", name, "--host", "db.internal", "--database", name, "--user", "backup"] + extra,
            environment: environment)
        return try #require(added["id"] as? Int)
    }
}
