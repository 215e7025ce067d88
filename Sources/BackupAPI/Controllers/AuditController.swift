import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation
import Hummingbird

/// `/api/audit`: the append-only audit log, newest first. The reading is ``AuditService``'s.
struct AuditController: Sendable {
    let audit: AuditService

    /// The routes, to mount at `/api/audit`.
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        return routes
    }

    /// `GET`: filters `actor`, `action`, `target_type`, `target_id`, `outcome`, `since`, `until`; keyset cursor.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageResponse<AuditEventResponse> {
        let page = try PageQuery(request)
        let query = QueryReader(request)
        let filter = AuditFilter(
            from: try query.date("since"), to: try query.date("until"), action: query.string("action"), actor: query.string("actor"),
            targetType: query.string("target_type"), targetId: query.string("target_id"))
        let outcome = try query.value("outcome", as: AuditEvent.Outcome.self)
        let events = try await audit.list(filter, outcome: outcome, limit: page.limit, cursor: page.cursor)
        return PageResponse(items: events.items.map(AuditEventResponse.init), nextCursor: events.nextCursor)
    }
}
