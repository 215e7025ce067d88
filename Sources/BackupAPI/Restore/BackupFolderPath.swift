import BackupCore
import HTTPTypes

/// A file named relative to the backup folder, confined to it (design §7: no path traversal) by
/// ``BackupFolder``, the resolver downloads, deletes and retention use too.
enum BackupFolderPath {
    /// The real path of `name` (`<slug>/<file>`) below `folder`.
    /// - Throws: 400 `invalid_path` for an absolute name, `..`, a backslash or NUL, or a name whose real
    ///   path (symbolic links followed) leaves the folder; 404 when no such backup file exists.
    static func resolve(_ name: String, in folder: String) throws -> String {
        switch BackupFolder(folder).resolve(relative: name) {
        case .file(let real) where !name.hasSuffix(".json") && !name.hasSuffix(".partial"):
            return real
        case .outside:
            throw APIError(
                .badRequest, code: .invalidPath,
                message: "file must be a path below the backup folder, like app/app_20261126T020000Z.dump, without `..` "
                    + "and without a symbolic link leading out of the folder",
                field: "file")
        default:
            throw APIError.notFound("no backup file \(name) in the backup folder")
        }
    }
}
