public import Foundation

/// The append-only audit log.
public protocol AuditLog: Sendable {
    /// Appends an event; events are never changed or removed.
    @discardableResult
    func append(_ event: AuditEvent) async throws -> AuditEvent
    /// Events newest first, filtered.
    func events(_ filter: AuditFilter, limit: Int, cursor: String?) async throws -> Page<AuditEvent>
}

/// Which audit events to list; every field narrows the result.
public struct AuditFilter: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var action: String?
    public var actor: String?
    public var targetType: String?
    public var targetId: String?

    /// A filter; no arguments lists everything.
    public init(from: Date? = nil, to: Date? = nil, action: String? = nil, actor: String? = nil, targetType: String? = nil, targetId: String? = nil) {
        self.from = from
        self.to = to
        self.action = action
        self.actor = actor
        self.targetType = targetType
        self.targetId = targetId
    }
}
