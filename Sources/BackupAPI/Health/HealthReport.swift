import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation

/// Gathers ``DetailedHealthResponse``: the store, the backup folder, the scheduler, S3 (cached) and the
/// staleness of every live database.
struct HealthReport: Sendable {
    let version: String
    let startedAt: Date
    let health: HealthService

    /// The report, and whether the store answered.
    func make(now: Date = Date()) async -> DetailedHealthResponse {
        let facts: HealthService.StoreFacts
        let storeStatus: DetailedHealthResponse.StoreStatus
        do {
            facts = try await health.storeFacts()
            storeStatus = .init(ok: true, error: nil)
        } catch {
            facts = HealthService.StoreFacts()
            storeStatus = .init(ok: false, error: "the configuration store did not answer: \(error)")
        }
        let scheduling = await health.schedulerStatus()
        let s3Status = await health.s3Status(now: now)
        let directory = Self.directory(facts.backupDirectory, usedBytes: facts.usedBytes)
        let databases = Self.databases(facts, scheduling: scheduling, now: now)
        let status =
            !storeStatus.ok ? "failing"
            : (databases.contains(where: \.stale) || s3Status.reachable == false || !directory.writable) ? "degraded" : "ok"
        return DetailedHealthResponse(
            status: status, version: version, uptimeSeconds: Int(now.timeIntervalSince(startedAt)), store: storeStatus,
            backupDirectory: directory,
            scheduler: .init(running: scheduling.running, queued: scheduling.queued.count, active: scheduling.active.count),
            s3: .init(configured: s3Status.configured, reachable: s3Status.reachable, checkedAt: s3Status.checkedAt, error: s3Status.error),
            databases: databases)
    }

    static func directory(_ path: String, usedBytes: Int64) -> DetailedHealthResponse.DirectoryStatus {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: path)
        return .init(
            path: path, writable: !path.isEmpty && FileManager.default.isWritableFile(atPath: path), usedBytes: usedBytes,
            totalBytes: (attributes?[.systemSize] as? NSNumber)?.int64Value, freeBytes: FreeSpace.available(at: path))
    }

    static func databases(_ facts: HealthService.StoreFacts, scheduling: SchedulerStatus, now: Date) -> [DetailedHealthResponse.DatabaseState] {
        let byId = Dictionary(scheduling.databases.map { ($0.databaseId, $0) }, uniquingKeysWith: { first, _ in first })
        return facts.databases.compactMap { database in
            guard let id = database.id else { return nil }
            let scheduled = byId[id]
            let last = [facts.lastSuccesses[id], scheduled?.lastSuccessAt].compactMap { $0 }.max()
            return .init(
                id: id, name: database.name, slug: database.slug, lastSuccessAt: last,
                ageSeconds: last.map { Int(now.timeIntervalSince($0)) }, nextRunAt: scheduled?.nextRunAt,
                expectedBy: scheduled?.expectedBy, stale: scheduled?.overdue ?? false)
        }
    }
}
