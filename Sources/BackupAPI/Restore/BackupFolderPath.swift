import Foundation
import HTTPTypes

/// A file named relative to the backup folder, confined to it (design §7: no path traversal).
enum BackupFolderPath {
    /// The absolute path of `name` (`<slug>/<file>`) below `folder`.
    /// - Throws: 400 `invalid_path` for an absolute name, `..`, a backslash or NUL, or a name whose real
    ///   path (symbolic links followed) leaves the folder; 404 when no such backup file exists.
    static func resolve(_ name: String, in folder: String) throws -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\0"),
            !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
        else {
            throw APIError(
                .badRequest, code: .invalidPath,
                message: "file must be a path below the backup folder, like app/app_20261126T020000Z.dump",
                field: "file")
        }
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        let path = URL(fileURLWithPath: folder + "/" + name).resolvingSymlinksInPath().path
        guard path.hasPrefix(root + "/") else {
            throw APIError(.badRequest, code: .invalidPath, message: "file leaves the backup folder", field: "file")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            !name.hasSuffix(".json"), !name.hasSuffix(".partial")
        else {
            throw APIError.notFound("no backup file \(name) in the backup folder")
        }
        return path
    }
}
