#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The backup folder, and the one way pgbm turns a backup's recorded path or name into a file in it.
///
/// A path is confined by its **real** path: every symbolic link on the way (a database folder, the file
/// itself) is followed, `..` is resolved, and the result must lie inside the folder's own real path. A
/// download, a delete, retention, the on-demand verification, a restore from the folder, the folder's
/// catalogue and the backup writer all ask here, so none of them can reach a file another one refuses.
///
/// ```swift
/// let folder = BackupFolder("/srv/pgbm-backups")
/// switch folder.resolve(path: "/srv/pgbm-backups/app/app_20261126T020000Z.dump.zst") {
/// case .file(let real): print("read", real)
/// case .outside: print("leaves the backup folder: refused")
/// case .missing, .folder, .other: print("no backup file there")
/// }
/// ```
public struct BackupFolder: Sendable, Equatable {
    /// What a path below the folder is on disk.
    public enum Resolution: Sendable, Equatable {
        /// A regular file inside the folder, by its real path (no symbolic link, no `..`).
        case file(String)
        /// A folder inside the folder, by its real path.
        case folder(String)
        /// Something else inside the folder (a socket, a device).
        case other(String)
        /// Nothing is there (a dangling symbolic link included), or the backup folder itself is missing.
        case missing
        /// The path, or the real path it leads to, is not inside the backup folder: never read or deleted.
        case outside
    }

    /// The folder as configured (`general.backup_directory`).
    public let path: String

    /// The folder at `path` (absolute, as the settings keep it).
    public init(_ path: String) {
        self.path = path
    }

    /// The real path of the folder itself; `nil` when it does not exist.
    public var realPath: String? { Self.realPath(path) }

    /// Resolves an absolute path that should lie in the folder (a file record's `local_path`).
    public func resolve(path candidate: String) -> Resolution {
        guard candidate.hasPrefix(path + "/"), !candidate.utf8.contains(0) else { return .outside }
        return resolveConfined(candidate)
    }

    /// Resolves `name` relative to the folder (`app/app_20261126T020000Z.dump.zst`): an absolute name, a
    /// `..` or `.` segment, an empty segment, a backslash or a NUL is ``Resolution/outside``.
    public func resolve(relative name: String) -> Resolution {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.utf8.contains(0),
            !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else { return .outside }
        return resolveConfined(path + "/" + name)
    }

    /// Resolves `candidate` (which names something below ``path``) through `realpath(3)`.
    private func resolveConfined(_ candidate: String) -> Resolution {
        guard let root = realPath else { return .missing }
        guard let real = Self.realPath(candidate) else {
            // Nothing there; but a `..` that climbs out is refused even when its target is missing.
            return Self.standardized(candidate).hasPrefix(Self.standardized(path) + "/") ? .missing : .outside
        }
        guard real.hasPrefix(root == "/" ? "/" : root + "/"), real != root else { return .outside }
        // `real` has no link left, so the type read without following one is the file's own.
        switch (try? FileManager.default.attributesOfItem(atPath: real))?[.type] as? FileAttributeType {
        case .typeRegular?: return .file(real)
        case .typeDirectory?: return .folder(real)
        case nil: return .missing
        default: return .other(real)
        }
    }

    /// `path` with `.` and `..` resolved textually (no link followed).
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `realpath(3)` of `path`: absolute, no symbolic link, no `.` or `..`; `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
