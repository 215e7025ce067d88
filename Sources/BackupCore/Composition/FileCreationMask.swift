#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file mode creation mask (umask) pgbm's programs run under: `0077`, so every file and folder they
/// create — the SQLite store and its `-wal` and `-shm`, `master.key`, backup folders, backup files,
/// `.partial` files, manifests, restore scratch files — is reachable by pgbm's own user only, whatever
/// umask the shell, the container or the service manager started them with.
///
/// `pgbm-server` and `pgbm-cli` apply it first thing, before anything is opened. A process embedding
/// ``BackupManager`` keeps its own umask (the umask belongs to the whole process); pgbm still creates
/// its store, key, folders and files owner-only where it names a mode.
///
/// ```swift
/// @main struct MyBackups {
///     static func main() async throws {
///         FileCreationMask.apply()   // like pgbm's own programs
///         try await withBackupManager(configuration, logger: logger) { manager in … }
///     }
/// }
/// ```
public enum FileCreationMask {
    /// The mask: no access for the group and others.
    public static let value = 0o077

    /// Sets the process's umask to ``value``.
    /// - Returns: the mask it replaced.
    @discardableResult
    public static func apply() -> Int {
        Int(umask(mode_t(value)))
    }
}
