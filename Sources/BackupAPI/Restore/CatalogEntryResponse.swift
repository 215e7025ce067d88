import BackupCore
import Foundation
import Hummingbird

/// One backup a restore can choose (`GET /api/restore/s3-backups`, `/local-backups`), with the facts of
/// the manifest beside it when it has one.
struct CatalogEntryResponse: Encodable, Sendable {
    /// The full S3 key (pass as `key` to `from-s3`); absent for a local file.
    let key: String?
    /// The file below the backup folder, `<slug>/<file>` (pass as `file` to `from-local`); absent for S3.
    let file: String?
    let fileName: String
    let size: Int64
    let modifiedAt: Date
    let databaseName: String?
    let databaseSlug: String?
    let finishedAt: Date?
    let format: String?
    let compression: String?
    let encrypted: Bool?
    let passphraseId: String?
    let pgDumpVersion: String?
    let serverVersion: String?
    let sha256: String?
    /// Whether this installation wrote it (another installation's backups need their passphrase).
    let ownInstallation: Bool?

    init(_ entry: BackupCatalog.Entry, file: String?, installationId: String) {
        key = file == nil ? entry.key : nil
        self.file = file
        fileName = String(entry.key.split(separator: "/").last ?? Substring(entry.key))
        size = entry.size
        modifiedAt = entry.modified
        let manifest = entry.manifest
        databaseName = manifest?.databaseName
        databaseSlug = manifest?.databaseSlug ?? Self.folder(of: entry.key)
        finishedAt = manifest?.finishedAt
        format = manifest?.format
        compression = manifest?.compression
        encrypted = manifest?.encrypted
        passphraseId = manifest?.passphraseId
        pgDumpVersion = manifest?.pgDumpVersion
        serverVersion = manifest?.serverVersion
        sha256 = manifest?.sha256
        ownInstallation = manifest.map { $0.installationId == installationId }
    }

    /// The folder the file is in (the database slug by the storage layout).
    private static func folder(of key: String) -> String? {
        let parts = key.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : nil
    }

    /// Whether the entry belongs to `database` (its slug or name).
    func matches(database: String?) -> Bool {
        guard let database, !database.isEmpty else { return true }
        return databaseSlug == database || databaseName == database
    }

    /// The page of `entries` after `cursor` (the last file of the previous page, base64url).
    static func page(_ entries: [CatalogEntryResponse], query: PageQuery) throws(APIError) -> PageResponse<
        CatalogEntryResponse
    > {
        var remaining = entries[...]
        if let cursor = query.cursor {
            let last = try NamePaging.decode(cursor)
            guard let index = entries.firstIndex(where: { ($0.key ?? $0.file) == last }) else {
                throw .invalid(
                    field: "cursor", "\"\(cursor)\" is not a cursor of this list (the backup it named is gone)")
            }
            remaining = entries[(index + 1)...]
        }
        let items = Array(remaining.prefix(query.limit))
        let next = remaining.count > query.limit ? items.last.flatMap { $0.key ?? $0.file }.map(NamePaging.encode) : nil
        return PageResponse(items: items, nextCursor: next)
    }
}
