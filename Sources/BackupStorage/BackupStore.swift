/// Where backup files live: the one storage abstraction the rest of pgbm uses.
///
/// Two implementations ship: ``LocalDirectoryStore`` (a folder) and ``S3Store`` (any S3-compatible
/// bucket). Keys are ``ObjectKey`` values, validated at construction. Files are streamed from and to
/// disk; a `get` reports the SHA-256 of what it wrote so callers compare it with the manifest.
///
/// ```swift
/// let store: any BackupStore = try LocalDirectoryStore(root: "/var/lib/pgbm/backups")
/// let key = try ObjectKey("app/app_20261126T020000Z.dump.zst.enc")
/// let stored = try await store.put(file: localPath, as: key)
/// let download = try await store.get(key, to: "/tmp/restore.enc")
/// ```
public protocol BackupStore: Sendable {
    /// Stores the file at `path` under `key`, replacing any object of that key, and returns what is
    /// stored (size checked against the file).
    func put(file path: String, as key: ObjectKey) async throws -> StoredObject

    /// Writes the object to `path` (as `path.partial`, renamed when complete) and returns its size and
    /// the SHA-256 of the bytes written.
    func get(_ key: ObjectKey, to path: String) async throws -> DownloadedObject

    /// Every object whose key starts with `prefix` (no prefix: all), sorted by key.
    func list(prefix: String) async throws -> [StoredObject]

    /// The object's size, modification time and ETag; `nil` if there is none.
    func stat(_ key: ObjectKey) async throws -> StoredObject?

    /// Deletes the object; deleting a missing object is not an error.
    func delete(_ key: ObjectKey) async throws

    /// Checks that the store is reachable and usable with the configured credentials.
    /// - Throws: ``StorageError`` naming what is wrong.
    func testConnection() async throws
}
