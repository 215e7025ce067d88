import Foundation
import GRDB

extension SQLiteStore: AuditLog {
    @discardableResult
    public func append(_ event: AuditEvent) throws -> AuditEvent {
        var event = event
        event.id = nil
        return try write { db in
            try event.insert(db)
            return event
        }
    }

    public func events(_ filter: AuditFilter, limit: Int, cursor: String?) throws -> Page<AuditEvent> {
        let after = try Cursor.decode(cursor)
        return try read { db in
            var request = AuditEvent.order(Column("id").desc).limit(limit)
            if let after { request = request.filter(Column("id") < after) }
            if let from = filter.from { request = request.filter(Column("at") >= from) }
            if let to = filter.to { request = request.filter(Column("at") < to) }
            if let action = filter.action { request = request.filter(Column("action") == action) }
            if let actor = filter.actor { request = request.filter(Column("actor") == actor) }
            if let targetType = filter.targetType { request = request.filter(Column("target_type") == targetType) }
            if let targetId = filter.targetId { request = request.filter(Column("target_id") == targetId) }
            let items = try request.fetchAll(db)
            return Page(items: items, nextCursor: Cursor.encode(lastId: items.last?.id, pageFull: items.count == limit))
        }
    }
}
