public import Foundation
import NIOHTTP1
import Logging
import NIOFoundationCompat
import AsyncHTTPClient
import NIOCore

/// An object's metadata as S3 reports it (HeadObject or a listing).
public struct S3ObjectInfo: Sendable, Equatable {
    /// The full key, prefix included.
    public let key: String
    /// Size in bytes.
    public let size: Int64
    /// Last modification time.
    public let modified: Date
    /// The ETag without quotes.
    public let etag: String?

    /// Creates object metadata.
    public init(key: String, size: Int64, modified: Date, etag: String?) {
        self.key = key
        self.size = size
        self.modified = modified
        self.etag = etag
    }

    init?(key: String, headers: HTTPHeaders) {
        guard let length = headers.first(name: "content-length").flatMap(Int64.init) else { return nil }
        let modified = headers.first(name: "last-modified").flatMap(Self.parseHTTPDate) ?? Date(timeIntervalSince1970: 0)
        self.init(key: key, size: length, modified: modified, etag: headers.first(name: "etag").map(Self.unquote))
    }

    static func unquote(_ etag: String) -> String {
        etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    static func parseISODate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
