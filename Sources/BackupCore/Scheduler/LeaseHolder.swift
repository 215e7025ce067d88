#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Lease holder names that say which process holds a lease, so a lease left by a process that was killed
/// (`kill -9`, OOM killer, power loss of a container) can be taken over at once instead of after it expires.
///
/// The name is `<role>@<host>:<pid>`, followed on Linux by the process's PID namespace
/// (`cli@db1:4242 pidns:[4026531836]`): two containers can share a host name (host networking) and a data
/// folder while their pids mean different processes, and a holder from another namespace is never judged.
public enum LeaseHolder {
    /// This process's holder name for `role` (`cli`, `scheduler`).
    public static func current(role: String) -> String {
        name(role: role, pid: getpid())
    }

    /// Whether `holder` names a process of this host and PID namespace that no longer exists.
    ///
    /// False whenever in doubt: another host or namespace, a name not made by ``current(role:)``, or a pid
    /// that exists again (reused by an unrelated process) — those leases are left to expire.
    public static func isGoneLocalProcess(_ holder: String) -> Bool {
        guard let at = holder.firstIndex(of: "@") else { return false }
        let role = String(holder[..<at])
        let prefix = role + "@" + ProcessInfo.processInfo.hostName + ":"
        let suffix = namespaceSuffix
        guard holder.hasPrefix(prefix), holder.hasSuffix(suffix), holder.count > prefix.count + suffix.count else { return false }
        let digits = holder.dropFirst(prefix.count).dropLast(suffix.count)
        guard let pid = pid_t(digits), pid > 0, pid != getpid(), name(role: role, pid: pid) == holder else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    static func name(role: String, pid: pid_t) -> String {
        "\(role)@\(ProcessInfo.processInfo.hostName):\(pid)\(namespaceSuffix)"
    }

    /// ` pidns:[4026531836]` on Linux, empty where `/proc/self/ns/pid` does not exist.
    static let namespaceSuffix: String = {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid") else { return "" }
        return " pidns:" + target.replacingOccurrences(of: "pid:", with: "")
    }()
}
