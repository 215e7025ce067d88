public import BackupStorage
public import Foundation

/// The backups a restore can choose from, read from where they are stored rather than from pgbm's
/// database: every object in the bucket (or file in the backup folder) with its manifest beside it. A
/// fresh installation with an empty store lists and restores a bucket written by another one this way.
///
/// ```swift
/// for entry in try await BackupCatalog.list(bucket: s3Store) where entry.manifest?.databaseSlug == "app" {
///     print(entry.key, entry.size, entry.manifest?.finishedAt ?? entry.modified)
/// }
/// ```
public enum BackupCatalog {
    /// One stored backup.
    public struct Entry: Sendable, Equatable {
        /// The full S3 key, or the local file's path.
        public let key: String
        public let size: Int64
        public let modified: Date
        /// The manifest beside it; `nil` when it has none or it cannot be read.
        public let manifest: BackupManifest?
    }

    /// The backups in the bucket below the configured prefix, newest first (by manifest time, else by
    /// the object's modification time); manifests are read in parallel, 8 at a time.
    public static func list(bucket: S3Store) async throws -> [Entry] {
        let prefix = bucket.client.configuration.prefix
        // Listed with the bare prefix, then filtered to `<prefix>/`: the same objects on real S3, and a
        // request moto's signature check does not reject (it mishandles `/` in query values).
        let objects = try await bucket.client.list(prefix: prefix).filter {
            prefix.isEmpty || $0.key.hasPrefix(prefix + "/")
        }
        let keys = Set(objects.map(\.key))
        let backups = objects.filter { !$0.key.hasSuffix(".json") && !$0.key.hasSuffix(".partial") }
        var entries: [Entry] = []
        for batch in stride(from: 0, to: backups.count, by: 8).map({ Array(backups[$0..<min($0 + 8, backups.count)]) }) {
            entries += try await withThrowingTaskGroup(of: Entry.self) { group in
                for object in batch {
                    group.addTask {
                        let manifestKey = BackupManifest.name(forFile: object.key)
                        let manifest = keys.contains(manifestKey)
                            ? try await bucket.client.getSmallObject(key: manifestKey).flatMap { try? BackupManifest.decode($0) } : nil
                        return Entry(key: object.key, size: object.size, modified: object.modified, manifest: manifest)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        return entries.sorted(by: newestFirst)
    }

    /// The backups in the backup folder (`<dir>/<slug>/<file>` with `<file>.json` beside it), newest first.
    /// Only regular files whose real path lies inside the folder are listed (``BackupFolder``): a database
    /// folder or a file that is a symbolic link leading elsewhere is not, so the list never offers what a
    /// restore from the folder refuses.
    public static func list(directory: String) -> [Entry] {
        let files = FileManager.default
        let folder = BackupFolder(directory)
        var entries: [Entry] = []
        for slug in (try? files.contentsOfDirectory(atPath: directory)) ?? [] {
            guard case .folder(let real) = folder.resolve(relative: slug) else { continue }
            for name in (try? files.contentsOfDirectory(atPath: real)) ?? [] where !name.hasSuffix(".json") && !name.hasSuffix(".partial") {
                let path = directory + "/" + slug + "/" + name
                guard case .file(let file) = folder.resolve(path: path),
                    let attributes = try? files.attributesOfItem(atPath: file)
                else { continue }
                let manifest: BackupManifest? =
                    if case .file(let json) = folder.resolve(path: BackupManifest.name(forFile: path)) {
                        files.contents(atPath: json).flatMap { try? BackupManifest.decode($0) }
                    } else { nil }
                entries.append(
                    Entry(
                        key: path, size: attributes[.size] as? Int64 ?? 0,
                        modified: attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0),
                        manifest: manifest))
            }
        }
        return entries.sorted(by: newestFirst)
    }

    private static func newestFirst(_ a: Entry, _ b: Entry) -> Bool {
        let (left, right) = (a.manifest?.finishedAt ?? a.modified, b.manifest?.finishedAt ?? b.modified)
        return left != right ? left > right : a.key < b.key
    }
}
