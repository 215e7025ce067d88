import BackupAPIModels
import BackupCore
import BackupRepository
import Foundation

extension CatalogEntryResponse {
    /// The entries of the bucket (`file` `nil`) or of the backup folder `directory`, as the API's
    /// `GET /api/restore/s3-backups` and `/local-backups` list them.
    static func list(
        _ entries: [BackupCatalog.Entry], directory: String?, in store: any ConfigurationStore
    ) async throws -> [CatalogEntryResponse] {
        let installation = try await store.settings(GeneralSettings.self).installationId
        return entries.map { entry in
            let file = directory.map { directory in
                entry.key.hasPrefix(directory + "/") ? String(entry.key.dropFirst(directory.count + 1)) : entry.key
            }
            return CatalogEntryResponse(entry, file: file, installationId: installation)
        }
    }

    /// `<time>\t<size>\t<database>\t<key or file>` for `restore backups` and `s3 list`.
    var text: String {
        let when = (finishedAt ?? modifiedAt).formatted(.iso8601)
        let size = ByteCountFormatter.string(fromByteCount: size, countStyle: .binary)
        return "\(when)\t\(size)\t\(databaseName ?? "(no manifest)")\t\(key ?? file ?? fileName)"
    }
}
