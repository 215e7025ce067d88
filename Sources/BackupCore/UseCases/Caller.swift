public import BackupRepository
import Foundation

/// Who asks a use case for a change, as the audit log records it: a signed-in user, an API token, the
/// command line, the scheduler or pgbm itself.
///
/// ```swift
/// let caller = Caller(kind: .user, name: "alice")
/// let cli = Caller.commandLine()          // cli@db1 (alice)
/// ```
public struct Caller: Sendable, Equatable {
    /// The audit log's actor kind.
    public var kind: AuditEvent.ActorKind
    /// The audit log's actor name (`alice`, `alice (token ci)`, `cli@db1 (alice)`).
    public var name: String

    /// Creates a caller.
    public init(kind: AuditEvent.ActorKind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// pgbm acting on its own behalf (`system`/`api` for an unauthenticated route such as the first setup).
    public static func system(_ name: String) -> Caller { Caller(kind: .system, name: name) }

    /// The command line on this host: `cli@<hostname>`, followed by ` (<user>)` when `$USER` is set.
    public static func commandLine(hostname: String? = nil, environment: [String: String]? = nil) -> Caller {
        let hostname = hostname ?? ProcessInfo.processInfo.hostName
        let environment = environment ?? ProcessInfo.processInfo.environment
        guard let user = environment["USER"], !user.isEmpty else { return Caller(kind: .cli, name: "cli@\(hostname)") }
        return Caller(kind: .cli, name: "cli@\(hostname) (\(user))")
    }
}
