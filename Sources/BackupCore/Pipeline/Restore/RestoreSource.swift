import Foundation

/// Where a restore reads its backup from.
public enum RestoreSource: Sendable, Equatable, Codable {
    /// A backup file on this machine (a `.json` manifest beside it is used when present).
    case local(path: String)
    /// An object in the configured bucket, by its full key (`<prefix>/<slug>/<file>`); its manifest is
    /// `<key>.json`.
    case s3(key: String)
    /// A file uploaded for this restore, already saved at `path`; removed when the job ends.
    case upload(path: String, fileName: String)

    /// The file name the source goes by (its manifest, format and layers are found from it).
    public var fileName: String {
        switch self {
        case .local(let path): (path as NSString).lastPathComponent
        case .s3(let key): String(key.split(separator: "/").last ?? Substring(key))
        case .upload(_, let fileName): fileName
        }
    }

    /// `local`, `s3` or `upload`.
    public var kind: String {
        switch self {
        case .local: "local"
        case .s3: "s3"
        case .upload: "upload"
        }
    }
}
