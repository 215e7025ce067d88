import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation

/// Pauses or resumes a stored schedule: what `schedule pause` and `schedule resume` do.
enum ScheduleSwitch {
    /// Switches the target schedule and prints it (`paused schedule 3 (app, @daily UTC); next run -`).
    static func run(_ target: ScheduleTarget, enabled: Bool) async throws {
        let view = try await set(target.id, enabled: enabled, in: target.shared.openStore())
        try target.output.emit(view) {
            "\(enabled ? "resumed" : "paused") \(view.summary); next run \(CLIOutput.date(view.nextRunAt))"
        }
    }

    /// Enables or disables schedule `id` and records the change in the audit log.
    ///
    /// Pausing clears the next run; resuming sets it to the first slot after `now` (paused slots are
    /// not made up).
    /// - Throws: ``CLIFailure`` (64) when resuming a schedule of a removed database, ``StoreError`` `invalid`
    ///   when its stored expression no longer parses.
    static func set(_ id: Int64, enabled: Bool, in store: any ConfigurationStore, now: Date = Date()) async throws -> ScheduleResponse {
        var schedule = try await ScheduleLookup.schedule(id, in: store)
        if enabled {
            guard try await store.database(id: schedule.databaseId)?.deletedAt == nil else {
                throw CLIFailure("<id>: schedule \(id) belongs to a removed database and cannot be resumed", code: 64)
            }
            schedule.nextRunAt = try ScheduleTimes(schedule).next(after: now)
        } else {
            schedule.nextRunAt = nil
        }
        schedule.enabled = enabled
        let view = try await ScheduleResponse(await store.updateSchedule(schedule), in: store, now: now)
        try await CLIAudit(store: store).record(
            enabled ? "schedule.resume" : "schedule.pause", target: "schedule", id: "\(id)",
            details: [
                "database_id": .integer(Int(view.databaseId)),
                "next_run_at": view.nextRunAt.map { .string(CLIOutput.date($0)) } ?? .null,
            ])
        return view
    }
}
