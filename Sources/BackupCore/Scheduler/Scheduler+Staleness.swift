import BackupRepository
public import Foundation
import Logging

extension Scheduler {
    /// When each scheduled database is expected to have its next successful backup, and whether it is
    /// late: the health endpoint and the dashboard show this.
    public func status() -> SchedulerStatus {
        let databases = Set(entries.values.map(\.databaseId)).sorted().map { databaseId in
            let expected = expectedBy(databaseId: databaseId)
            return SchedulerStatus.Database(
                databaseId: databaseId, lastSuccessAt: lastSuccess[databaseId],
                nextRunAt: entries.values.filter { $0.databaseId == databaseId }.map(\.nextDue).min(),
                expectedBy: expected, overdue: overdue.contains(databaseId))
        }
        return SchedulerStatus(
            running: loopTask != nil, queued: queue.map(\.job), active: running.values.map(\.job).sorted { $0.runId < $1.runId },
            databases: databases)
    }

    /// Reads the newest successful run of each scheduled database not known yet or overdue (another
    /// process may have backed it up).
    func loadLastSuccesses() async {
        let unknown = Set(entries.values.map(\.databaseId)).filter { lastSuccess[$0] == nil || overdue.contains($0) }
        for databaseId in unknown {
            do {
                let newest = try await store.runs(databaseId: databaseId, state: .succeeded, limit: 1, cursor: nil).items.first
                guard let date = newest?.finishedAt ?? newest?.startedAt, date > lastSuccess[databaseId] ?? .distantPast else { continue }
                lastSuccess[databaseId] = date
                overdue.remove(databaseId)
            } catch {
                logger.error("cannot read backup history", metadata: ["database_id": "\(databaseId)", "error": "\(error)"])
            }
        }
    }

    /// The first slot of any enabled schedule of the database after its last success (or, with none
    /// yet, after its oldest schedule was created), plus the staleness grace.
    func expectedBy(databaseId: Int64) -> Date? {
        let schedules = entries.values.filter { $0.databaseId == databaseId }
        guard let oldest = schedules.map(\.schedule.createdAt).min() else { return nil }
        let since = lastSuccess[databaseId] ?? oldest
        let slot = schedules.compactMap { $0.times.next(after: since) }.min()
        return slot?.addingTimeInterval(configuration.stalenessGrace)
    }

    /// Raises ``SchedulerEvent/overdue(databaseId:expectedBy:lastSuccessAt:)`` once per late streak for
    /// every database whose expected backup has not come. A running backup gets until it ends.
    func checkStaleness(now: Date) async {
        for databaseId in Set(entries.values.map(\.databaseId)) where !overdue.contains(databaseId) && running[databaseId] == nil {
            guard let deadline = expectedBy(databaseId: databaseId), deadline < now else { continue }
            overdue.insert(databaseId)
            logger.warning(
                "database backup overdue",
                metadata: ["database_id": "\(databaseId)", "expected_by": "\(deadline)", "last_success": "\(lastSuccess[databaseId].map { "\($0)" } ?? "never")"])
            let details = #"{"expected_by":"\#(ISO8601DateFormatter().string(from: deadline))"}"#
            await audit(action: "backup.overdue", targetType: "database", targetId: databaseId, outcome: .failure, details: details, now: now)
            emit(.overdue(databaseId: databaseId, expectedBy: deadline, lastSuccessAt: lastSuccess[databaseId]))
        }
    }

    /// The earliest staleness deadline not yet reported, to wake for it.
    func nextStalenessDeadline() -> Date? {
        Set(entries.values.map(\.databaseId)).subtracting(overdue).subtracting(running.keys)
            .compactMap { expectedBy(databaseId: $0) }.min().map { $0.addingTimeInterval(1) }
    }
}

/// A snapshot of the scheduler for health checks and the dashboard.
public struct SchedulerStatus: Sendable, Equatable {
    /// One scheduled database.
    public struct Database: Sendable, Equatable {
        public let databaseId: Int64
        public let lastSuccessAt: Date?
        public let nextRunAt: Date?
        /// When the next successful backup is due at the latest (next slot after the last success plus grace).
        public let expectedBy: Date?
        public let overdue: Bool
    }

    /// Whether the loop runs.
    public let running: Bool
    public let queued: [BackupJob]
    public let active: [BackupJob]
    public let databases: [Database]
}
