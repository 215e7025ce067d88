public import Foundation

/// Everything pgbm keeps about an installation: the repositories together, plus the listings and
/// summaries the API, the CLI and the health report read.
///
/// Every call is `async`: an implementation never blocks the caller's thread (``SQLiteStore`` runs
/// SQLite on GRDB's own queues), so the scheduler, the pipelines and request handlers may call it from
/// actors and the cooperative pool. This is the seam a second store plugs into.
///
/// ```swift
/// let store: any ConfigurationStore = try SQLiteStore.open(dataDirectory: "./data", logger: logger)
/// let databases = try await store.databases(includingDeleted: false)
/// ```
public protocol ConfigurationStore: DatabaseRepository, BackupRunRepository, ScheduleRepository, RestoreJobRepository,
    SettingsRepository, SecretStore, UserRepository, AuditLog, LeaseManager
{
    /// Makes the installation id and fixes the backup folder as an absolute path, on first start only.
    /// - Returns: the general settings as stored.
    func initializeInstallation(backupDirectory: String) async throws -> GeneralSettings

    // MARK: Listings

    /// Runs newest (highest id) first, filtered, one keyset page at a time.
    func runs(_ filter: RunFilter, limit: Int, cursor: String?) async throws -> Page<BackupRun>
    /// A page of ``runs(_:limit:cursor:)`` with the files of its runs and every database (deleted ones
    /// too), read together (the default reads them one after the other).
    func runPage(_ filter: RunFilter, limit: Int, cursor: String?) async throws -> RunPage
    /// The files of the runs `runIds`, by run id (oldest file first within a run).
    func files(runIds: [Int64]) async throws -> [Int64: [BackupFile]]
    /// A page of ``localFiles(databaseId:limit:cursor:)`` with every database (deleted ones too) by id,
    /// read together (the default reads them one after the other).
    func localFilePage(databaseId: Int64?, limit: Int, cursor: String?) async throws -> (files: Page<BackupFile>, databases: [Int64: ConfiguredDatabase])
    /// Files that still have a local copy, newest (highest id) first, optionally of one database.
    func localFiles(databaseId: Int64?, limit: Int, cursor: String?) async throws -> Page<BackupFile>
    /// The newest record of a file by its stored name (`app_20261126T020000Z.dump.zst.enc`).
    func file(named name: String) async throws -> BackupFile?
    /// The states of the runs `ids`.
    func runStates(ids: [Int64]) async throws -> [Int64: BackupRun.State]
    /// Audit events newest first, filtered by `filter` and, when given, by `outcome`.
    func events(_ filter: AuditFilter, outcome: AuditEvent.Outcome?, limit: Int, cursor: String?) async throws -> Page<AuditEvent>

    // MARK: Summaries

    /// Bytes of the backup files recorded with a local copy (the backup folder's usage by pgbm).
    func localFileBytes() async throws -> Int64
    /// The finish time of each database's newest successful run.
    func lastSuccesses(databaseIds: [Int64]) async throws -> [Int64: Date]
    /// Whether the store answers a trivial query.
    func ping() async throws

    // MARK: Accounts

    /// Creates `user` only when the store has no user at all (the setup of a new installation).
    /// - Returns: the created user, or `nil` when a user already exists (nothing is written).
    func createFirstUser(_ user: User) async throws -> User?
    /// Saves `user`; refused with a conflict when no enabled admin would be left.
    func updateUserKeepingAnAdmin(_ user: User) async throws
    /// Deletes user `id` with its sessions and tokens; refused with a conflict when no enabled admin
    /// would be left. - Returns: whether the user existed.
    func deleteUserKeepingAnAdmin(id: Int64) async throws -> Bool
    /// Ends every session of user `userId` (after a password change, disabling, demotion).
    func deleteSessions(userId: Int64) async throws
    /// Removes the sessions that expired before `now`; returns how many.
    @discardableResult
    func deleteExpiredSessions(now: Date) async throws -> Int
    /// Records that token `id` was used at `date`.
    func touchToken(id: Int64, at date: Date) async throws
    /// Every API token of every user, by id.
    func allTokens() async throws -> [APIToken]
    /// API token `id`, expired or not.
    func token(id: Int64) async throws -> APIToken?
    /// The unexpired token with hash `hash` and its user (the default reads them one after the other).
    func tokenAndUser(hash: String, now: Date) async throws -> (token: APIToken, user: User)?
    /// The unexpired session with hash `tokenHash` and its user (the default reads them one after the other).
    func sessionAndUser(tokenHash: String, now: Date) async throws -> (session: UserSession, user: User)?
}

extension ConfigurationStore {
    public func runPage(_ filter: RunFilter, limit: Int, cursor: String?) async throws -> RunPage {
        let runs = try await runs(filter, limit: limit, cursor: cursor)
        let files = try await files(runIds: runs.items.compactMap(\.id))
        let databases = try await databases(includingDeleted: true)
        return RunPage(
            runs: runs, files: files,
            databases: Dictionary(databases.compactMap { database in database.id.map { ($0, database) } }, uniquingKeysWith: { first, _ in first }))
    }

    public func localFilePage(databaseId: Int64?, limit: Int, cursor: String?) async throws -> (files: Page<BackupFile>, databases: [Int64: ConfiguredDatabase]) {
        let files = try await localFiles(databaseId: databaseId, limit: limit, cursor: cursor)
        let databases = try await databases(includingDeleted: true)
        return (files, Dictionary(databases.compactMap { database in database.id.map { ($0, database) } }, uniquingKeysWith: { first, _ in first }))
    }

    public func tokenAndUser(hash: String, now: Date) async throws -> (token: APIToken, user: User)? {
        guard let token = try await token(hash: hash, now: now), let user = try await user(id: token.userId) else { return nil }
        return (token, user)
    }

    public func sessionAndUser(tokenHash: String, now: Date) async throws -> (session: UserSession, user: User)? {
        guard let session = try await session(tokenHash: tokenHash, now: now), let user = try await user(id: session.userId) else {
            return nil
        }
        return (session, user)
    }
}

extension SQLiteStore: ConfigurationStore {}
