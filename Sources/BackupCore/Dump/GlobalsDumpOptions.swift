/// How `pg_dumpall --globals-only` dumps roles, tablespaces and other cluster-wide objects.
///
/// ```swift
/// var options = GlobalsDumpOptions()
/// options.includeRolePasswords = false   // managed services often forbid reading pg_authid
/// ```
public struct GlobalsDumpOptions: Sendable, Hashable {
    /// Whether role password hashes are dumped; `false` adds `--no-role-passwords`, which needs no
    /// superuser rights to read `pg_authid`.
    public var includeRolePasswords: Bool
    /// How long each lock may be waited for (`--lock-wait-timeout`); `nil` waits as long as it takes.
    public var lockWaitTimeout: Duration?
    /// The run's limits: maximum run time and the grace between SIGTERM and SIGKILL.
    public var limits: RunLimits

    /// Options with password hashes included and no limits.
    public init(includeRolePasswords: Bool = true, lockWaitTimeout: Duration? = nil, limits: RunLimits = RunLimits()) {
        self.includeRolePasswords = includeRolePasswords
        self.lockWaitTimeout = lockWaitTimeout
        self.limits = limits
    }

    /// `pg_dumpall`'s arguments; the database named is only where `pg_dumpall` connects first.
    func arguments(database: String) throws(InvalidOption) -> [String] {
        var arguments = ["--globals-only", "--no-password", "--database=\(database)"]
        if !includeRolePasswords { arguments.append("--no-role-passwords") }
        if let lockWaitTimeout { arguments.append("--lock-wait-timeout=\(try lockWaitTimeout.wholeMilliseconds())") }
        return arguments
    }
}
