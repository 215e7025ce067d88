import BackupRepository
import Foundation
import Logging
import PostgresTestSupport
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension TestServer {
    static let pg15 = TestServer(major: 15)
    static let pg16 = TestServer(major: 16)
}

/// A database of its own on a test server, registered in a pgbm data folder of its own, and the
/// `pgbm-cli` runs against that folder and a backup folder.
///
/// Everything that waits for a process runs through `offPool`, never on Swift's cooperative pool: these
/// tests wait seconds for pg_dump and pgbm-cli, and blocking that pool's two threads would stall every
/// other suite's async tests meanwhile.
final class PipelineFaultFixture: Sendable {
    static let cli = TestServices.executable("pgbm-cli")

    let server: TestServer
    let directory: TemporaryDirectory
    /// The database's name on the server; also its name in pgbm.
    let database: String
    var dataDirectory: String { directory.path("data") }
    var backupDirectory: String { directory.path("backups") }
    /// Roles made by ``createRole(password:)``, dropped by ``tearDown()``.
    private let roles = Mutex<[String]>([])
    private let registeredId = Mutex<Int64>(0)
    /// The registered database's id in pgbm.
    var databaseId: Int64 { registeredId.withLock { $0 } }

    private init(server: TestServer, directory: TemporaryDirectory, database: String) {
        self.server = server
        self.directory = directory
        self.database = database
    }

    /// Creates an empty database on `server`; ``tearDown()`` drops it.
    static func make(server: TestServer = .pg15) async throws -> PipelineFaultFixture {
        let fixture = PipelineFaultFixture(
            server: server, directory: try TemporaryDirectory(), database: "pgbm_fault_\(UInt32.random(in: 0...UInt32.max))")
        try await server.psql("CREATE DATABASE \(fixture.database)")
        return fixture
    }

    /// Drops the database (terminating sessions a killed pg_dump may have left) and the roles, on a thread
    /// of its own, without waiting: for `defer`. `DROP DATABASE` waits until every backend of the server
    /// took note of it, and a backend blocked writing to a `pg_dump` of another test cannot until that
    /// test's consumer runs, so waiting here on a cooperative thread could deadlock the test process.
    func tearDown() {
        Self.dropInBackground(server: server, ["DROP DATABASE IF EXISTS \(database) WITH (FORCE)"] + roles.withLock { $0 }.map { "DROP ROLE IF EXISTS \($0)" })
    }

    /// Runs `statements` in order as `postgres` on a thread of its own, without waiting for them.
    static func dropInBackground(server: TestServer, _ statements: [String]) {
        let psql = (try? server.tool("psql")) ?? "psql"
        let url = (try? server.url) ?? ""
        Thread {
            for sql in statements { _ = try? ProcessRunner.run(psql, [url, "-XAtq", "-c", sql]) }
        }.start()
    }

    /// A login role with `password`, owning the database (scram-sha-256 over TCP on the test servers).
    func createRole(password: String) async throws -> String {
        let role = "pgbm_fault_role_\(UInt32.random(in: 0...UInt32.max))"
        roles.withLock { $0.append(role) }
        try await server.psql("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'; ALTER DATABASE \(database) OWNER TO \(role)")
        return role
    }

    /// Runs SQL in the fixture's database as `postgres`.
    @discardableResult
    func sql(_ sql: String) async throws -> String { try await server.psql(sql, database: database) }

    /// The environment of every `pgbm-cli` run: no `PGBM_*` or libpq variable from the test's environment.
    static let cleanEnvironment: [String: String?] = [
        "PGBM_DB_PASSWORD": nil, "PGBM_MASTER_KEY": nil, "PGBM_DATA_DIR": nil, "PGBM_BACKUP_DIR": nil,
        "PGBM_LOG_LEVEL": nil, "PGBM_SECRET": nil, "PGPASSWORD": nil, "PGPASSFILE": nil, "PGSERVICE": nil, "USER": "tester",
    ]

    /// The arguments of a `pgbm-cli` run on this fixture's folders.
    func arguments(_ arguments: [String]) -> [String] {
        arguments + ["--data-dir", dataDirectory, "--backup-dir", backupDirectory]
    }

    /// Runs `pgbm-cli` to completion.
    func cli(_ arguments: [String], environment: [String: String?] = [:]) async throws -> ProcessRunner.Result {
        let (arguments, environment) = (self.arguments(arguments), Self.cleanEnvironment.merging(environment) { $1 })
        return try await offPool { try ProcessRunner.run(Self.cli, arguments, environment: environment) }
    }

    /// Runs `pgbm-cli` and requires exit 0.
    @discardableResult
    func succeed(_ arguments: [String], environment: [String: String?] = [:]) async throws -> ProcessRunner.Result {
        let result = try await cli(arguments, environment: environment)
        try #require(result.status == 0, "pgbm-cli \(arguments): \(result.stderrText)")
        return result
    }

    /// Registers the database (as `user`, default the trusted `postgres`) and returns pgbm's name for it.
    @discardableResult
    func register(user: String = "postgres", extra: [String] = []) async throws -> String {
        let added = try await succeed(
            ["db", "add", "--name", database, "--host", try server.host, "--port", "\(try server.port)", "--database", database,
             "--user", user, "--ssl-mode", "disable", "--json"] + extra)
        let view = try #require(try JSONSerialization.jsonObject(with: added.stdout) as? [String: Any])
        let id = Int64(try #require(view["id"] as? Int))
        registeredId.withLock { $0 = id }
        return database
    }

    /// The items of `pgbm-cli backup list --json`, newest first.
    func runs() async throws -> [[String: Any]] {
        let result = try await succeed(["backup", "list", "--json"])
        let page = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        return try #require(page["items"] as? [[String: Any]])
    }

    /// The store `pgbm-cli` wrote to.
    func store() throws -> SQLiteStore {
        try SQLiteStore.open(
            dataDirectory: dataDirectory, environment: [:], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// The file records of the registered database, newest first.
    func files() async throws -> [BackupFile] { try await store().files(databaseId: databaseId) }

    /// A backup file and its manifest as ``backupFiles()`` lists them.
    func listed(_ file: BackupFile) throws -> [String] {
        let path = try #require(file.localPath)
        try #require(path.hasPrefix(backupDirectory + "/"), "\(path) is not in \(backupDirectory)")
        let relative = String(path.dropFirst(backupDirectory.count + 1))
        return [relative, relative + ".json"]
    }

    /// Every regular file below the backup folder, as paths relative to it, sorted.
    func backupFiles() -> [String] {
        let walker = FileManager.default.enumerator(atPath: backupDirectory)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: backupDirectory + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(relative)
            }
        }
        return files.sorted()
    }

    /// Starts `pgbm-cli` without waiting; its output goes to files in the fixture's folder.
    func start(_ arguments: [String], environment: [String: String?] = [:]) throws -> ChildProcess {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: Self.cli)
        process.arguments = self.arguments(arguments)
        process.environment = ProcessRunner.merged(Self.cleanEnvironment.merging(environment) { $1 })
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try outputFile("started.out")
        process.standardError = try outputFile("started.err")
        try process.run()
        return process
    }

    private func outputFile(_ name: String) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: directory.path(name), contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: directory.path(name)))
    }

    /// What a process from ``start(_:environment:)`` wrote to standard error.
    var startedStandardError: String { (try? String(contentsOfFile: directory.path("started.err"), encoding: .utf8)) ?? "" }
}

extension ChildProcess {
    /// Waits for the process off the cooperative pool.
    func exit() async throws {
        try await offPool { self.waitUntilExit() }
    }
}

/// Processes seen through `/proc`.
enum ProcessTable {
    /// Live (not zombie) children of `parent` named `name` whose command line has an argument starting
    /// with `argument`.
    static func children(of parent: Int32, named name: String, withArgument argument: String) -> [Int32] {
        pids().filter { pid in
            guard let stat = stat(pid), stat.parent == parent, stat.name == name, stat.state != "Z" else { return false }
            return commandLine(pid).contains { $0.hasPrefix(argument) }
        }
    }

    /// Whether `pid` exists and is not a zombie.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = stat(pid) else { return false }
        return stat.state != "Z"
    }

    static func pids() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init)
    }

    /// The arguments of `pid`, as `ps` shows them.
    static func commandLine(_ pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Name, state and parent from `/proc/<pid>/stat`.
    static func stat(_ pid: Int32) -> (name: String, state: Character, parent: Int32)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let parent = Int32(fields[1]) else { return nil }
        return (String(text[text.index(after: open)..<close]), state, parent)
    }
}

/// Checks `body` every 10 ms until it returns a value, for at most `seconds`; `nil` when it never did.
/// A safety net for a test that would otherwise hang, not a timing assertion.
func poll<T>(seconds: Double = 30, _ body: () async throws -> T?) async throws -> T? {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
        if let value = try await body() { return value }
        try await Task.sleep(for: .milliseconds(10))
    } while Date() < deadline
    return nil
}

/// The SHA-256 of a file, lowercase hex, through `sha256sum`.
func sha256(ofFile path: String) async throws -> String {
    let result = try await offPool { try ProcessRunner.run("/usr/bin/sha256sum", [path]) }
    try #require(result.status == 0, "sha256sum: \(result.stderrText)")
    return String(result.stdoutText.prefix(64))
}

/// A tmpfs of a few MiB mounted on a folder (root only), for full-disk tests.
struct TinyDisk {
    let path: String

    /// Mounts a tmpfs of `megabytes` MiB on `path`. Outside CI a machine that does not allow it cancels the
    /// test (the full disk cannot be made there); in CI, where the tests run as root, it is a failure.
    static func mount(at path: String, megabytes: Int) async throws -> TinyDisk {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mounted = try await offPool { try ProcessRunner.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path]) }
        if mounted.status != 0, !TestServices.isCI {
            try Test.cancel("cannot mount a tmpfs here (needs root): \(mounted.stderrText)")
        }
        try #require(mounted.status == 0, "mount -t tmpfs: \(mounted.stderrText)")
        return TinyDisk(path: path)
    }

    /// Synchronous, for `defer`.
    func unmount() {
        _ = try? ProcessRunner.run("/bin/umount", [path])
    }
}

/// An `ACCESS EXCLUSIVE` lock on a table, held by a background `psql` until ``release()``, so a
/// `pg_dump` of the table waits.
final class TableLockSession: Sendable {
    let server: TestServer
    let applicationName = "pgbm_fault_lock_\(UInt32.random(in: 0...UInt32.max))"
    let process = ChildProcess()

    private init(server: TestServer) { self.server = server }

    /// Starts the session and returns once the server shows the lock granted.
    static func take(server: TestServer, database: String, table: String) async throws -> TableLockSession {
        let session = TableLockSession(server: server)
        let process = session.process
        process.executableURL = URL(fileURLWithPath: try server.tool("psql"))
        process.arguments = [try server.databaseURL(database), "-Xq", "-c", "LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120)"]
        process.environment = ProcessRunner.merged(["PGAPPNAME": session.applicationName])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let granted = try await poll(seconds: 20) { () async throws -> Bool? in
            let count = try await server.psql(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)
                WHERE a.application_name = '\(session.applicationName)' AND l.mode = 'AccessExclusiveLock' AND l.granted
                """)
            return count == "1" ? true : nil
        }
        if granted == nil { session.release() }
        try #require(granted == true, "the test lock on \(table) was not granted")
        return session
    }

    /// Ends the session (and with it the lock). Synchronous, for `defer`; it takes a few milliseconds.
    func release() {
        if let psql = try? server.tool("psql"), let url = try? server.url {
            _ = try? ProcessRunner.run(
                psql, [url, "-XAtq", "-c", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(applicationName)'"])
        }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }
}
