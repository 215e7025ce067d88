import BackupRepository
import Foundation

/// Appends the audit events of changes made from the command line (actor kind `cli`).
///
/// ```swift
/// let audit = CLIAudit(store: store)
/// try audit.record("schedule.pause", target: "schedule", id: "3", details: ["database_id": .integer(1)])
/// ```
struct CLIAudit {
    let store: any ConfigurationStore
    /// `cli@<hostname>`, followed by ` (<user>)` when `$USER` is set.
    let actor: String

    init(store: any ConfigurationStore, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.store = store
        actor = Self.actor(hostname: ProcessInfo.processInfo.hostName, user: environment["USER"])
    }

    /// The actor name: `cli@db1 (alice)`, or `cli@db1` without a user.
    static func actor(hostname: String, user: String?) -> String {
        guard let user, !user.isEmpty else { return "cli@\(hostname)" }
        return "cli@\(hostname) (\(user))"
    }

    /// Records a successful change; `details` must never hold a secret.
    ///
    /// - Parameters:
    ///   - action: what was done (`schedule.pause`).
    ///   - target: the kind of thing changed (`schedule`).
    ///   - id: which one.
    ///   - details: facts about the change, stored as a JSON object.
    func record(_ action: String, target: String, id: String?, details: [String: JSONValue] = [:]) async throws {
        try await store.append(
            AuditEvent(
                actorKind: .cli, actor: actor, action: action, targetType: target, targetId: id, outcome: .success,
                details: JSONValue.object(details).jsonText))
    }
}
