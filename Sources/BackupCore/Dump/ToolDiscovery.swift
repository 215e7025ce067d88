/// The installed versions of one PostgreSQL client program, as found by ``ToolLocator/discover(_:)``.
public struct ToolDiscovery: Sendable {
    /// The program looked for.
    public let kind: PostgresToolKind
    /// Every usable binary, ordered by major version, then origin (configured first), one per major.
    public let tools: [PostgresTool]
    /// Candidates that were skipped, with the reason (`/opt/pg/pg_dump: no such file`); configured paths
    /// always appear here when unusable, other folders only when a binary there did not run.
    public let skipped: [String]

    /// A discovery result.
    public init(kind: PostgresToolKind, tools: [PostgresTool], skipped: [String] = []) {
        self.kind = kind
        self.tools = tools
        self.skipped = skipped
    }

    /// The lowest installed major that is at least every one of `majors` (the server's, the archive's).
    ///
    /// - Parameters:
    ///   - majors: the requirements; the tool's major must be at least their maximum.
    ///   - serverMajor: the server's major, for the error message when it alone sets the requirement.
    /// - Throws: ``DumpError`` naming the requirement, the newest installed major and the way out.
    public func select(atLeast majors: [Int], serverMajor: Int? = nil) throws(DumpError) -> PostgresTool {
        let required = majors.max() ?? 0
        if let tool = tools.first(where: { $0.version.major >= max(required, 1) }) { return tool }
        throw DumpError(
            tool: kind, requiredMajor: required, serverMajor: serverMajor,
            newestInstalledMajor: tools.map(\.version.major).max(), skipped: skipped)
    }
}
