public import BackupRepository
public import Foundation
import Logging

extension Scheduler {
    /// Pauses a schedule: it stays stored, and does not run until resumed.
    /// - Throws: `StoreError` `not_found` when there is no such schedule.
    public func pause(scheduleId: Int64) async throws {
        var schedule = try await existingSchedule(scheduleId)
        schedule.enabled = false
        schedule.nextRunAt = nil
        _ = try await store.updateSchedule(schedule)
        await cancelQueued(scheduleId: scheduleId)
        logger.info("schedule paused", metadata: ["schedule_id": "\(scheduleId)"])
        schedulesDidChange()
    }

    /// Resumes a paused schedule from its next slot; slots passed while it was paused are not made up.
    /// - Returns: The next run time.
    @discardableResult
    public func resume(scheduleId: Int64) async throws -> Date? {
        var schedule = try await existingSchedule(scheduleId)
        let times = try ScheduleTimes(schedule)
        schedule.enabled = true
        schedule.nextRunAt = times.next(after: clock.now())
        _ = try await store.updateSchedule(schedule)
        logger.info("schedule resumed", metadata: ["schedule_id": "\(scheduleId)"])
        schedulesDidChange()
        return schedule.nextRunAt
    }

    /// Queues a backup of the database now ("run now"); joins a run of it already queued or running.
    /// - Returns: The job, with the id of its run record.
    @discardableResult
    public func runNow(databaseId: Int64, scheduleId: Int64? = nil, trigger: BackupRun.Trigger = .manual) async throws -> BackupJob {
        let job = try await enqueue(databaseId: databaseId, scheduleId: scheduleId, trigger: trigger, dueAt: nil, now: clock.now())
        wake()
        return job
    }

    func existingSchedule(_ id: Int64) async throws -> Schedule {
        guard let schedule = try await store.schedule(id: id) else {
            throw StoreError(.notFound, "schedule \(id) does not exist")
        }
        return schedule
    }

    /// Reads the enabled schedules; keeps the in-memory slot of those that did not change.
    func reload(now: Date) async {
        let previous = entries.isEmpty && lastReload == .distantPast ? nil : lastReload
        reloadRequested = false
        lastReload = now
        let stored: [Schedule]
        do {
            stored = try await store.schedules(databaseId: nil).filter(\.enabled)
        } catch {
            logger.error("cannot read schedules", metadata: ["error": "\(error)"])
            return
        }
        var fresh: [Int64: ScheduleEntry] = [:]
        for schedule in stored {
            guard let id = schedule.id else { continue }
            if let known = entries[id], !known.isOutdated(by: schedule) {
                fresh[id] = known
                continue
            }
            do {
                // An edit counts from now; a schedule new to this scheduler from the previous reload on.
                var entry = try ScheduleEntry(schedule, since: entries[id] == nil ? previous : now)
                if entry.schedule.nextRunAt != entry.nextDue { await store(next: entry.nextDue, of: &entry) }
                fresh[id] = entry
                invalidReported[id] = nil
            } catch {
                reportInvalid(schedule, error)
            }
        }
        entries = fresh
        await loadLastSuccesses()
    }

    /// Reports an unusable schedule once per distinct expression and time zone.
    func reportInvalid(_ schedule: Schedule, _ failure: StoreError) {
        let id = schedule.id ?? 0
        let key = schedule.cron + "\u{1}" + schedule.timeZone
        guard invalidReported[id] != key else { return }
        invalidReported[id] = key
        logger.error("schedule cannot run", metadata: ["schedule_id": "\(id)", "error": "\(failure)"])
        emit(.invalidSchedule(scheduleId: id, reason: failure.description))
    }

    /// Stores the next slot of an entry whose stored one is missing or outdated.
    func store(next: Date, of entry: inout ScheduleEntry) async {
        entry.schedule.nextRunAt = next
        do {
            try await store.recordRun(scheduleId: entry.id, lastRunAt: nil, nextRunAt: next)
        } catch {
            logger.error("cannot record schedule times", metadata: ["schedule_id": "\(entry.id)", "error": "\(error)"])
        }
    }

    /// Queues one run for each entry whose slot has come, records missed ones, and stores the next slot.
    func triggerDueSlots(now: Date) async {
        let due = entries.values.filter { $0.nextDue <= now }.sorted { ($0.nextDue, $0.id) < ($1.nextDue, $1.id) }
        for var entry in due {
            let decision = entry.decide(now: now, startedAt: startedAt ?? now, grace: configuration.missedRunGrace)
            var ranAt: Date?
            switch decision {
            case let .run(slot, missedSlots, madeUp):
                if madeUp {
                    logger.info(
                        "missed runs made up",
                        metadata: ["schedule_id": "\(entry.id)", "slot": "\(slot)", "missed_slots": "\(missedSlots)"])
                    emit(.madeUp(scheduleId: entry.id, databaseId: entry.databaseId, slot: slot, missedSlots: missedSlots))
                }
                if await trigger(entry, slot: slot, now: now) { ranAt = slot }
            case let .missed(slot, missedSlots):
                await recordMissed(entry, slot: slot, count: missedSlots, now: now)
            }
            entry.nextDue = entry.times.next(after: now) ?? .distantFuture
            entry.schedule.nextRunAt = entry.nextDue
            entry.schedule.lastRunAt = ranAt ?? entry.schedule.lastRunAt
            entries[entry.id] = entry
            do {
                try await store.recordRun(scheduleId: entry.id, lastRunAt: ranAt, nextRunAt: entry.nextDue)
            } catch {
                logger.error("cannot record schedule times", metadata: ["schedule_id": "\(entry.id)", "error": "\(error)"])
            }
        }
    }

    func trigger(_ entry: ScheduleEntry, slot: Date, now: Date) async -> Bool {
        do {
            _ = try await enqueue(databaseId: entry.databaseId, scheduleId: entry.id, trigger: .schedule, dueAt: slot, now: now)
            return true
        } catch {
            logger.error("cannot queue scheduled backup", metadata: ["schedule_id": "\(entry.id)", "error": "\(error)"])
            return false
        }
    }

    func recordMissed(_ entry: ScheduleEntry, slot: Date, count: Int, now: Date) async {
        logger.warning(
            "scheduled backup missed while pgbm was down",
            metadata: ["schedule_id": "\(entry.id)", "database_id": "\(entry.databaseId)", "slot": "\(slot)", "missed_slots": "\(count)"])
        let details = #"{"slot":"\#(ISO8601DateFormatter().string(from: slot))","missed_slots":\#(count),"grace_seconds":\#(Int(configuration.missedRunGrace))}"#
        await audit(action: "schedule.missed", targetType: "schedule", targetId: entry.id, outcome: .failure, details: details, now: now)
        emit(.missed(scheduleId: entry.id, databaseId: entry.databaseId, slot: slot, missedSlots: count))
    }

    func audit(action: String, targetType: String, targetId: Int64, outcome: AuditEvent.Outcome, details: String, now: Date) async {
        let event = AuditEvent(
            at: now, actorKind: .scheduler, actor: "scheduler", action: action, targetType: targetType,
            targetId: String(targetId), outcome: outcome, details: details)
        do {
            try await store.append(event)
        } catch {
            logger.error("cannot write audit event", metadata: ["action": "\(action)", "error": "\(error)"])
        }
    }
}
