public import BackupRepository
public import Foundation

/// One audit log entry; `details` is the stored JSON object.
public struct AuditEventResponse: Encodable, Sendable {
    public let id: Int64
    public let at: Date
    /// `user`, `token`, `scheduler`, `cli` or `system`.
    public let actorKind: String
    public let actor: String
    public let action: String
    public let targetType: String?
    public let targetId: String?
    /// `success`, `failure` or `denied`.
    public let outcome: String
    public let details: JSONValue

    /// The response of `event`.
    public init(_ event: AuditEvent) {
        id = event.id ?? 0
        at = event.at
        actorKind = event.actorKind.rawValue
        actor = event.actor
        action = event.action
        targetType = event.targetType
        targetId = event.targetId
        outcome = event.outcome.rawValue
        details = JSONValue(parsing: event.details) ?? .object([:])
    }
}
