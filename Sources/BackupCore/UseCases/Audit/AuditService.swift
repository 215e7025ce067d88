public import BackupRepository

/// The append-only audit log as people read it: newest first, filtered, one keyset page at a time.
///
/// Changes are recorded by the use cases themselves (each through one audit trail), so this only reads.
///
/// ```swift
/// let page = try await manager.audit.list(AuditFilter(action: "user.create"), limit: 50)
/// ```
public struct AuditService: Sendable {
    let store: any ConfigurationStore

    init(store: any ConfigurationStore) {
        self.store = store
    }

    /// Events newest first, matching `filter` and, when given, `outcome`; `cursor` continues a page.
    public func list(
        _ filter: AuditFilter, outcome: AuditEvent.Outcome? = nil, limit: Int, cursor: String? = nil
    ) async throws -> Page<AuditEvent> {
        try await store.events(filter, outcome: outcome, limit: limit, cursor: cursor)
    }
}
