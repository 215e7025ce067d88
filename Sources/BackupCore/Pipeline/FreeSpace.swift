#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The free-space check before a backup: fails early, with the numbers, instead of filling the disk.
public enum FreeSpace {
    /// Bytes available to this process on the file system holding `path`, or `nil` when unknown.
    public static func available(at path: String) -> Int64? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    /// Checks that `folder` has room for `expected` bytes plus a margin of 10 % (at least 16 MiB).
    /// - Throws: ``BackupError`` `backup.disk_full` with both numbers.
    public static func check(folder: String, expected: Int64) throws(BackupError) {
        guard let available = available(at: folder) else { return }
        let needed = expected + max(expected / 10, 16 << 20)
        guard available >= needed else {
            throw BackupError(.backupDiskFull,
                "not enough free space in \(folder): \(format(available)) free, about \(format(needed)) needed "
                    + "(the last backup's size, or the database's size for a first backup, plus 10 %, at least 16 MiB)")
        }
    }

    static func format(_ bytes: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: bytes, countStyle: .binary)
    }
}
