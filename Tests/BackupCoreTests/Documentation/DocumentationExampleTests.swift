import AsyncHTTPClient
import BackupCore
import BackupDump
import BackupRepository
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PostgresTestSupport
import ServiceLifecycle
import TestSupport
import Testing

/// The code examples of `Sources/BackupCore/BackupCore.docc` (GettingStarted.md, EmbeddingPgbm.md), one
/// test per section, through the public API only (no `@testable`), so the articles cannot drift from the
/// API. Keep both in step: the folders here live in a temporary directory, the databases on the test
/// PostgreSQL 15 server.
@Suite("Documentation examples: BackupCore", .timeLimit(.minutes(2)))
struct DocumentationExampleTests {
    let dir: TemporaryDirectory
    let logger = Logger(label: "pgbm.test.docs") { _ in SwiftLogNoOpLogHandler() }

    init() throws {
        dir = try TemporaryDirectory()
    }

    // MARK: Getting started

    @Test("Getting started: open a manager, add a database and a schedule, encrypt, back up, read the run",
          .enabled(if: TestServer.available))
    func gettingStarted() async throws {
        let server = TestServer(major: 15)
        try await server.withDatabase { database in
            // Open a manager
            let configuration = BackupManager.Configuration(
                dataDirectory: dir.path("data"), backupDirectory: dir.path("files"), environment: [:], role: .embedded)
            let manager = try await BackupManager.open(configuration, logger: logger)

            // Add a database and a schedule
            let caller = Caller(kind: .system, name: "billing-service")
            let app = try await manager.databases.create(
                ConfiguredDatabase(
                    name: "app", host: try server.host, port: try server.port, database: database, user: "postgres",
                    sslMode: .disable),
                password: Secret("the backup role's password"), by: caller)
            let nightly = try await manager.schedules.create(
                Schedule(databaseId: app.id, cron: "30 2 * * *", timeZone: "Europe/Berlin"), by: caller)

            let check = try await manager.databases.testConnection(app.id)
            #expect(check.ok && check.summary?.hasPrefix("PostgreSQL 15") == true, "\(check)")
            let next = try #require(nightly.schedule.nextRunAt)
            #expect(Calendar.berlin.dateComponents([.hour, .minute], from: next) == DateComponents(hour: 2, minute: 30))

            // Encrypt the files
            let passphraseId = try await manager.settings.addPassphrase(Secret("a long passphrase kept in the vault"), by: caller)
            #expect(passphraseId.hasPrefix("p") && passphraseId.count == 9)

            // Back up now and read the run
            let run = try await manager.backUpNow(databaseId: app.id)
            #expect(run.state == .succeeded, "\(run.error ?? "")")
            let files = try await manager.store.files(runId: run.id ?? 0)
            #expect(files.count == 1 && files.allSatisfy { $0.fileName.hasSuffix(".dump.zst.enc") && $0.encrypted }, "\(files)")
            #expect((run.sizeBytes ?? 0) > 0 && run.checksum?.count == 64)
            await manager.shutdown()
        }
    }

    @Test("Getting started: a rejected database throws StoreError invalid, naming the field")
    func gettingStartedRejection() async throws {
        try await withBackupManager(
            BackupManager.Configuration(
                dataDirectory: dir.path("data"), backupDirectory: dir.path("files"), environment: [:], role: .embedded),
            logger: logger
        ) { manager in
            let caller = Caller(kind: .system, name: "billing-service")
            let error = await #expect(throws: StoreError.self) {
                try await manager.databases.create(
                    ConfiguredDatabase(name: "app", host: "", database: "app", user: "backup"), password: nil, by: caller)
            }
            #expect(error?.code == .invalid && error?.field == "host", "\(String(describing: error))")
        }
    }

    // MARK: Embedding pgbm

    @Test("Embedding: the manager runs as a service, an observer hears the backup, the group stops gracefully",
          .enabled(if: TestServer.available))
    func runAsServiceWithObserver() async throws {
        let (logger, logs) = RecordingLogHandler.logger()
        let server = TestServer(major: 15)
        try await server.withDatabase { database in
            // Run the manager as a service
            var configuration = BackupManager.Configuration(
                dataDirectory: dir.path("data"), backupDirectory: dir.path("backups"), environment: [:], role: .embedded)
            configuration.shutdownGrace = .seconds(30)
            let manager = try await BackupManager.open(configuration, logger: logger)

            // The article's group also stops on SIGTERM and SIGINT; a test must not take those signals over.
            let group = ServiceGroup(services: [manager], gracefulShutdownSignals: [], logger: logger)
            async let running: Void = group.run()

            let app = try await manager.databases.create(
                ConfiguredDatabase(
                    name: "app", host: try server.host, port: try server.port, database: database, user: "postgres",
                    sslMode: .disable),
                password: nil, by: Caller(kind: .system, name: "billing-service"))

            // Observe backups and restores
            manager.addObserver(BackupLog(logger: logger))
            try await manager.scheduler.runNow(databaseId: app.id)

            // The observer's line (the scheduler logs its own "backup queued", "backup started", …).
            let line = await Self.waitFor(logs) { $0.hasPrefix("backup ") && $0.contains(" seconds=") }
            #expect(line?.hasPrefix("backup succeeded error= run=1 seconds=") == true, "\(logs.messages)")
            await group.triggerGracefulShutdown()
            try await running
        }
    }

    @Test("Embedding: the configuration options")
    func configurationOptions() async throws {
        var configuration = BackupManager.Configuration(
            dataDirectory: dir.path("pgbm"), backupDirectory: dir.path("backups"),
            environment: [:], role: .embedded)
        configuration.clock = SystemSchedulerClock()
        configuration.httpClients = BackupManager.Configuration.HTTPClientSet.make()
        configuration.scratchDirectory = dir.path("restores")
        configuration.toolLocator = ToolLocator(configuredPaths: [.pgDump: ["/opt/postgresql/17/bin"]])
        configuration.notifier = NotifierConfiguration(attempts: 3, backoff: .seconds(5))

        let manager = try await BackupManager.open(configuration, logger: logger)
        let scratch = try FileManager.default.attributesOfItem(atPath: dir.path("restores"))
        #expect(manager.scratchDirectory == dir.path("restores") && (scratch[.posixPermissions] as? Int) == 0o700)
        #expect(manager.holder.hasPrefix("embedded@"))
        #expect(manager.configuration.notifier.attempts == 3 && manager.configuration.notifier.backoff == .seconds(5))
        await manager.shutdown()
        // The caller's clients stay open after the manager's shutdown: the caller closes them.
        let clients = try #require(configuration.httpClients)
        try await clients.alerts.shutdown()
        try await clients.storage.shutdown()
    }

    @Test("Embedding: an alert channel of one's own gets the failure of a backup, and the test send")
    func addAlertChannel() async throws {
        let chat = try await HookReceiver()
        let chatURL = "\(chat.base)/rooms/ops/token-123"
        var configuration = BackupManager.Configuration(
            dataDirectory: dir.path("data"), backupDirectory: dir.path("backups"), environment: [:], role: .embedded)
        configuration.notifier = NotifierConfiguration(attempts: 2, backoff: .milliseconds(50))

        // Add an alert channel
        configuration.notifier.transports = [ChatTransport(url: chatURL, http: HTTPClient.shared)]

        let manager = try await BackupManager.open(configuration, logger: logger)
        let unreachable = try FreePort.next()
        let app = try await manager.databases.create(
            ConfiguredDatabase(name: "app", host: "127.0.0.1", port: unreachable, database: "app", user: "backup", sslMode: .disable),
            password: nil, by: Caller(kind: .system, name: "billing-service"))
        let run = try await manager.backUpNow(databaseId: app.id)
        await manager.notifier.drain()

        #expect(run.state == .failed)
        let posts = chat.requests.filter { $0.path == "/rooms/ops/token-123" }
        #expect(posts.count == 1, "\(chat.requests.map(\.path))")
        let text = posts.first?.json["text"] as? String ?? ""
        #expect(text.hasPrefix("pgbm: Backup failed: app at "), "\(text)")
        #expect(posts.first?.json["severity"] as? String == "error")

        let test = await manager.notifier.sendTest(channel: .webhook)
        #expect(test.status == .sent && test.message == "sent to chat", "\(test)")
        #expect(chat.requests.count == 2)
        await manager.shutdown()
        await chat.stop()
    }

    /// The first log message `match` accepts, waiting up to a minute for it.
    static func waitFor(_ logs: RecordingLogHandler, _ match: (String) -> Bool) async -> String? {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let line = logs.messages.first(where: match) { return line }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}

// MARK: Embedding pgbm: the article's types, as written

struct BackupLog: BackupObserver {
    let logger: Logger

    func schedulerEvent(_ event: SchedulerEvent) {
        guard case .finished(let job, let outcome, let duration) = event else { return }
        logger.info(
            "backup \(outcome.state.rawValue)",
            metadata: ["run": "\(job.runId)", "seconds": "\(Int(duration))", "error": "\(outcome.error ?? "")"])
    }
}

struct ChatTransport: AlertTransport {
    let url: String
    let http: HTTPClient

    var channel: AlertChannel { .webhook }
    var destination: String { "chat" }  // never the URL: it holds the room's token

    func deliver(_ alert: Alert) async throws(BackupError) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let message = (try? JSONEncoder().encode(["text": alert.summary, "severity": alert.severity])) ?? Data()
        request.body = .bytes(ByteBuffer(bytes: message))
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(10))
        } catch {
            throw BackupError(.alertUnreachable, "the chat service cannot be reached: \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            throw BackupError(.alertRefused, "the chat service answered \(response.status.code)")
        }
    }
}

extension Calendar {
    /// The Gregorian calendar in Berlin.
    static var berlin: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar
    }
}
