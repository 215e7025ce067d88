import Foundation
import GRDB

extension SQLiteStore: AuditLog {
    @discardableResult
    public func append(_ event: AuditEvent) async throws -> AuditEvent {
        try await insertNew(event)
    }

    public func events(_ filter: AuditFilter, limit: Int, cursor: String?) async throws -> Page<AuditEvent> {
        var request = AuditEvent.all()
        if let from = filter.from { request = request.filter(Column("at") >= from) }
        if let to = filter.to { request = request.filter(Column("at") < to) }
        if let action = filter.action { request = request.filter(Column("action") == action) }
        if let actor = filter.actor { request = request.filter(Column("actor") == actor) }
        if let targetType = filter.targetType { request = request.filter(Column("target_type") == targetType) }
        if let targetId = filter.targetId { request = request.filter(Column("target_id") == targetId) }
        return try await page(request, limit: limit, cursor: cursor)
    }
}
