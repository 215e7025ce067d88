import BackupRepository
import Foundation

/// What one event sends: the alert for email and webhooks (`nil` when throttled or not an alert) and
/// the heartbeat ping.
struct AlertPlan: Sendable, Equatable {
    var alert: Alert?
    var heartbeat: Alert?
}

/// Turns an ``AlertEvent`` into an ``AlertPlan``: looks up the database's name, applies
/// `AlertThrottle` to backup outcomes, builds links from `general.public_base_url`, redacts secrets.
struct AlertPlanner {
    /// How many earlier runs the throttle reads; a longer streak is judged on its newest runs.
    static let historyLimit = 500

    let store: any NotifierStore
    let settings: NotificationSettings
    let general: GeneralSettings
    let redactor: SecretRedactor

    func plan(_ event: AlertEvent, now: Date) async throws -> AlertPlan {
        switch event {
        case .backupFinished(let job, let outcome, let at):
            return try await backup(job, outcome, at: at)
        case .backupOverdue(let databaseId, let expectedBy, let lastSuccessAt):
            var alert = Alert(kind: .backupMissed, at: now, databaseId: databaseId, subject: try await name(databaseId))
            (alert.expectedBy, alert.lastSuccessAt, alert.link) = (expectedBy, lastSuccessAt, link("databases", databaseId))
            return AlertPlan(alert: alert)
        case .restoreFinished(let jobId, let target, let succeeded, let error, let at):
            var alert = Alert(kind: succeeded ? .restoreSucceeded : .restoreFailed, at: at, subject: redactor(target))
            (alert.restoreJobId, alert.error, alert.link) = (jobId, error.map { redactor($0) }, link("restores", jobId))
            return AlertPlan(alert: alert)
        }
    }

    /// A finished backup: the throttled alert and the heartbeat; nothing for a cancelled one.
    func backup(_ job: BackupJob, _ outcome: BackupOutcome, at: Date) async throws -> AlertPlan {
        guard outcome.state == .succeeded || outcome.state == .failed else { return AlertPlan() }
        let failed = outcome.state == .failed
        var alert = await Alert(kind: failed ? .backupFailed : .backupSucceeded, at: at, databaseId: job.databaseId, subject: try name(job.databaseId))
        (alert.runId, alert.link) = (job.runId, link("backups", job.runId))
        if failed { alert.error = redactor(outcome.error ?? "unknown error") }
        let earlier = try await store.runs(databaseId: job.databaseId, state: nil, limit: Self.historyLimit, cursor: nil).items
            .filter { ($0.id ?? 0) < job.runId && $0.state.isFinal }
        let throttle = AlertThrottle(interval: TimeInterval(settings.throttleMinutes) * 60)
        let heartbeat = alert
        switch throttle.decide(failed: failed, at: at, earlier: earlier) {
        case .firstFailure: alert.failureCount = 1
        case .reminder(let failures): (alert.kind, alert.failureCount) = (.backupStillFailing, failures)
        case .silent: return AlertPlan(alert: nil, heartbeat: heartbeat)
        case .recovered(let failures): (alert.kind, alert.failureCount) = (.backupRecovered, failures)
        case .success: break
        }
        return AlertPlan(alert: alert, heartbeat: heartbeat)
    }

    /// The database's name as people know it (`#7` if it is gone).
    func name(_ databaseId: Int64) async throws -> String {
        redactor(try await store.database(id: databaseId)?.name ?? "#\(databaseId)")
    }

    /// `<public base URL>/<section>/<id>`, or `nil` without a base URL.
    func link(_ section: String, _ id: Int64) -> String? {
        guard var base = general.publicBaseURL?.trimmingCharacters(in: .whitespaces), !base.isEmpty else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(section)/\(id)"
    }
}
