#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// Who may read the data folder and the store's files: their owner only.
///
/// The store holds password hashes, sealed secrets and the audit log, and `master.key` sits beside it.
/// `pgbm-server` and `pgbm-cli` run under a `0077` umask (BackupCore's `FileCreationMask`); this also
/// covers a process embedding the store under another umask: the SQLite file is created `0600` before
/// SQLite opens it (SQLite gives its `-wal` and `-shm` files the main file's mode), an existing store
/// file readable by others is narrowed to `0600`, and a data folder that others can enter is reported
/// (not refused: see `Docs/DECISIONS.md`).
enum StoreFileModes {
    /// The mode bits that give the group or others any access.
    static let shared = 0o077

    /// Warns when `dataDirectory` gives its group or others any access.
    static func checkDataDirectory(_ dataDirectory: String, logger: Logger) {
        guard let mode = mode(of: dataDirectory), mode & shared != 0 else { return }
        logger.warning(
            "the data folder can be entered by other users: run chmod 700 on it",
            metadata: [
                "pgbm.data_dir": "\(dataDirectory)", "pgbm.mode": "\(octal(mode))",
                "pgbm.hint": "the configuration store and master.key live there; only pgbm's own user needs access",
            ])
    }

    /// Creates the store file `path` with mode 0600 when it does not exist (an empty file is a new SQLite
    /// database), and narrows `path`, `-wal` and `-shm` to 0600 when they give others access.
    static func prepare(storeFile path: String, logger: Logger) {
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if created >= 0 { close(created) }
        for file in [path, path + "-wal", path + "-shm"] {
            guard let mode = mode(of: file), mode & shared != 0 else { continue }
            if chmod(file, mode_t(mode & ~shared & 0o7777)) == 0 {
                logger.warning(
                    "a store file was readable by other users; its mode is now owner-only",
                    metadata: ["pgbm.file": "\(file)", "pgbm.mode.before": "\(octal(mode))", "pgbm.mode": "\(octal(mode & ~shared))"])
            } else {
                logger.warning(
                    "a store file is readable by other users and its mode cannot be changed: run chmod 600 on it",
                    metadata: ["pgbm.file": "\(file)", "pgbm.mode": "\(octal(mode))", "error": "\(String(cString: strerror(errno)))"])
            }
        }
    }

    /// The permission bits of `path` (a link followed); `nil` when it does not exist.
    static func mode(of path: String) -> Int? {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return ((try? FileManager.default.attributesOfItem(atPath: real))?[.posixPermissions] as? NSNumber)?.intValue
    }

    /// `0755`.
    static func octal(_ mode: Int) -> String {
        "0" + String(mode, radix: 8)
    }
}
