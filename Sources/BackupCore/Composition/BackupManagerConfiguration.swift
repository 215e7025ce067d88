public import AsyncHTTPClient
public import BackupDump
import BackupStorage
public import Foundation

extension BackupManager {
    /// What a process tells the builder: where the installation lives, who it is, and how its workers
    /// behave. `Sendable` value with defaults, so a caller sets only what differs.
    ///
    /// ```swift
    /// var configuration = BackupManager.Configuration(dataDirectory: "./data", backupDirectory: "./backups")
    /// configuration.role = .server
    /// ```
    public struct Configuration: Sendable {
        /// Which kind of process this is: it names the process's leases and decides what start-up cleans.
        public struct Role: Sendable, Hashable, CustomStringConvertible {
            let name: String
            /// Whether this process is the only one running scheduled work on the store: start-up then
            /// fails every unfinished run and restore and removes every partial file.
            let ownsUnfinishedWork: Bool

            /// `pgbm-server`: runs the scheduler; at start-up, all unfinished work is a dead process's.
            public static let server = Role(name: "server", ownsUnfinishedWork: true)
            /// `pgbm-cli`: one command; only the work of dead processes is cleaned up.
            public static let cli = Role(name: "cli", ownsUnfinishedWork: false)
            /// A Swift service that embeds pgbm; it runs its own scheduler like the server.
            public static let embedded = Role(name: "embedded", ownsUnfinishedWork: true)

            public var description: String { name }
        }

        /// The data folder: the configuration store and `master.key` (created 0700 when missing).
        public var dataDirectory: String
        /// The backup folder; stored as an absolute path in the settings at the first start only.
        public var backupDirectory: String
        /// Whether opening fixes the installation (its id and ``backupDirectory``) on a new store and creates
        /// the backup folder: `true` for anything that writes backups; `false` for a command that only reads
        /// or changes the configuration (`pgbm-cli db add`), so the first command that backs up, or the
        /// server, decides where backups go.
        public var fixesInstallation = true
        /// Environment read for `PGBM_MASTER_KEY` (the master key instead of `master.key`).
        public var environment: [String: String]
        /// The kind of process (``Role/server`` by default).
        public var role: Role
        /// The address users reach the server at (`PGBM_BASE_URL`), stored as `general.public_base_url`
        /// for alert links when set and different.
        public var publicBaseURL: String?
        /// Where restores put downloads and expanded archives; default the `backup.scratch_directory`
        /// setting, else `<data dir>/scratch` (created 0700).
        public var scratchDirectory: String?
        /// Where the PostgreSQL programs are (the `backup` settings' paths are added per run).
        public var toolLocator: ToolLocator
        /// The scheduler's clock (tests drive a manual one).
        public var clock: any SchedulerClock
        /// Changes to the scheduler configuration read from the settings (tests shorten intervals).
        public var adjustScheduler: @Sendable (inout SchedulerConfiguration) -> Void
        /// How hard alerts are retried.
        public var notifier: NotifierConfiguration
        /// How long running backups may take to finish when the service stops gracefully.
        public var shutdownGrace: Duration
        /// HTTP clients the caller owns and shuts down (tests share one set across many managers); `nil`:
        /// the manager makes its own and closes them in ``BackupManager/shutdown()``.
        public var httpClients: HTTPClientSet?

        /// The HTTP clients of the workers: one for alerts (follows up to 3 redirects, so the test alert
        /// and a real one behave alike), one for storage (follows none: a signed S3 request is never
        /// replayed elsewhere).
        public struct HTTPClientSet: Sendable {
            public var alerts: HTTPClient
            public var storage: HTTPClient

            /// Makes both clients with pgbm's settings; the caller shuts them down.
            public static func make() -> HTTPClientSet {
                HTTPClientSet(alerts: Notifier.makeHTTPClient(), storage: S3Client.makeHTTPClient())
            }

            public init(alerts: HTTPClient, storage: HTTPClient) {
                self.alerts = alerts
                self.storage = storage
            }
        }

        /// A configuration with the defaults of `pgbm-server`.
        public init(
            dataDirectory: String, backupDirectory: String,
            environment: [String: String] = ProcessInfo.processInfo.environment, role: Role = .server
        ) {
            self.dataDirectory = dataDirectory
            self.backupDirectory = backupDirectory
            self.environment = environment
            self.role = role
            self.publicBaseURL = nil
            self.scratchDirectory = nil
            self.toolLocator = ToolLocator()
            self.clock = SystemSchedulerClock()
            self.adjustScheduler = { _ in }
            self.notifier = NotifierConfiguration()
            self.shutdownGrace = .seconds(60)
            self.httpClients = nil
        }
    }
}
