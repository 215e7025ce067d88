import BackupRepository
import Foundation
import Hummingbird

/// One audit log entry; `details` is the stored JSON object.
struct AuditEventResponse: ResponseEncodable, Sendable {
    let id: Int64
    let at: Date
    let actorKind: String
    let actor: String
    let action: String
    let targetType: String?
    let targetId: String?
    let outcome: String
    let details: JSONValue

    init(_ event: AuditEvent) {
        id = event.id ?? 0
        at = event.at
        actorKind = event.actorKind.rawValue
        actor = event.actor
        action = event.action
        targetType = event.targetType
        targetId = event.targetId
        outcome = event.outcome.rawValue
        details = (try? JSONDecoder().decode(JSONValue.self, from: Data(event.details.utf8))) ?? .object([:])
    }
}
