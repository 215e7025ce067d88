import BackupRepository
import Foundation

/// Appends the audit event of a change a use case made; every use case records through it, so a change
/// reads the same whether the API or the command line made it.
struct AuditTrail: Sendable {
    let store: any AuditLog

    /// Records `action` on `target`/`id` by `caller`; `details` must never hold a secret.
    func record(
        _ action: String, by caller: Caller, target: String, id: String?, outcome: AuditEvent.Outcome = .success,
        details: [String: JSONValue] = [:]
    ) async throws {
        try await store.append(
            AuditEvent(
                actorKind: caller.kind, actor: caller.name, action: action, targetType: target, targetId: id,
                outcome: outcome, details: JSONValue.object(details).jsonText))
    }

    /// The fields whose values differ between two records, each as `{"from": old, "to": new}` (snake_case
    /// names, secrets never included because records hold none).
    static func changes(from old: some Encodable, to new: some Encodable) -> [String: JSONValue] {
        changes(from: members(old), to: members(new))
    }

    /// The members whose values differ between two JSON objects, each as `{"from": old, "to": new}`.
    static func changes(from before: [String: JSONValue], to after: [String: JSONValue]) -> [String: JSONValue] {
        var changes: [String: JSONValue] = [:]
        for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
            changes[key] = .object(["from": before[key] ?? .null, "to": after[key] ?? .null])
        }
        return changes
    }

    /// A record's fields as JSON members (snake_case keys, ISO-8601 dates).
    static func members(_ value: some Encodable) -> [String: JSONValue] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return [:]
        }
        return json.members
    }
}
