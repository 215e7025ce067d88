import BackupAPIModels
import BackupRepository
import Foundation

extension StoreAccess {
    /// Appends the audit event of a change made through the API, by the request's caller.
    ///
    /// ```swift
    /// try await store.audit(context, "database.create", target: "database", id: "\(id)", details: ["slug": slug])
    /// ```
    /// - Parameters:
    ///   - action: what was done (`database.create`).
    ///   - target: the kind of thing acted on (`database`).
    ///   - id: which one.
    ///   - outcome: `success` unless the change failed or was refused.
    ///   - details: facts about the change, stored as a JSON object; never a secret.
    func audit(
        _ context: APIRequestContext, _ action: String, target: String?, id: String?, outcome: AuditEvent.Outcome = .success,
        details: [String: String] = [:]
    ) async throws {
        let actor = context.identity?.auditActor ?? (.system, "api")
        let text = (try? String(decoding: APIJSON.encoder().encode(details), as: UTF8.self)) ?? "{}"
        let event = AuditEvent(
            actorKind: actor.kind, actor: actor.name, action: action, targetType: target, targetId: id, outcome: outcome,
            details: text)
        _ = try await self { store in try await store.append(event) }
    }
}
