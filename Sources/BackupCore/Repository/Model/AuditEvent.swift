public import Foundation

/// One entry of the append-only audit log. Never contains secrets.
public struct AuditEvent: Sendable, Equatable, Codable, Identifiable {
    /// Who did it.
    public enum ActorKind: String, Sendable, Codable, CaseIterable {
        case user, token, scheduler, cli, system
    }

    /// How it ended.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case success, failure, denied
    }

    public var id: Int64?
    public var at: Date
    public var actorKind: ActorKind
    /// User name, token name, or the process (`scheduler`).
    public var actor: String
    /// `database.create`, `backup.run`, `settings.update`, …
    public var action: String
    public var targetType: String?
    public var targetId: String?
    public var outcome: Outcome
    /// Extra facts as a JSON object.
    public var details: String

    /// Creates an event.
    public init(
        at: Date = Date(), actorKind: ActorKind, actor: String, action: String, targetType: String? = nil,
        targetId: String? = nil, outcome: Outcome, details: String = "{}"
    ) {
        self.at = at
        self.actorKind = actorKind
        self.actor = actor
        self.action = action
        self.targetType = targetType
        self.targetId = targetId
        self.outcome = outcome
        self.details = details
    }
}
