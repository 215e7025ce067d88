import Crypto
import Foundation
import NIOCore

/// The web UI's files (`Sources/BackupAPI/UI/`, a SwiftPM resource of this module), read once and kept in
/// memory with their content type and ETag.
///
/// ```swift
/// let assets = UIAssets.bundled
/// assets["/js/app.js"]?.contentType   // "text/javascript; charset=utf-8"
/// ```
struct UIAssets: Sendable {
    /// One file of the UI.
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        /// A strong validator: the first 16 bytes of the file's SHA-256, hex, quoted.
        let etag: String
    }

    /// Files by their URL path (`/index.html`, `/js/api.js`).
    let files: [String: Asset]

    /// The files shipped in the module's resource bundle, read at first use (the server's start).
    static let bundled = UIAssets(directory: Bundle.module.resourceURL?.appendingPathComponent("UI"))

    /// Reads every regular file below `directory`; none when it is `nil` or missing.
    init(directory: URL?) {
        var files: [String: Asset] = [:]
        if let directory, let walker = FileManager.default.enumerator(atPath: directory.path) {
            while let relative = walker.nextObject() as? String {
                let url = directory.appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: url.path), !Self.isDirectory(url) else { continue }
                files["/" + relative] = Asset(data: data, contentType: Self.contentType(of: relative))
            }
        }
        self.files = files
    }

    /// The file at `path` (`/css/app.css`).
    subscript(path: String) -> Asset? { files[path] }

    /// `index.html`, served for `/` and for every other path of the UI's router.
    var index: Asset? { files["/index.html"] }

    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

extension UIAssets.Asset {
    init(data: Data, contentType: String) {
        body = ByteBuffer(bytes: data)
        self.contentType = contentType
        etag = "\"" + SHA256.hash(data: data).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
