import Foundation
import AsyncHTTPClient
import NIOCore
import Logging
import NIOHTTP1
import NIOFoundationCompat

extension S3Client {
    /// ListObjectsV2 over every page: all objects whose key starts with `prefix`, in key order.
    ///
    /// - Parameters:
    ///   - prefix: the full key prefix (the configured prefix is not added here).
    ///   - pageSize: keys per request (S3 returns at most 1,000).
    public func list(prefix: String, pageSize: Int = 1000) async throws -> [S3ObjectInfo] {
        var objects: [S3ObjectInfo] = []
        var token: String?
        repeat {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("max-keys", "\(pageSize)")]
            if !prefix.isEmpty { query.append(("prefix", prefix)) }
            if let token { query.append(("continuation-token", token)) }
            let request = Request(
                method: .GET, key: nil, query: query, timeout: configuration.timeouts.request, operation: "list objects")
            let (_, body) = try await send(request)
            guard let xml = S3XML.parse(Data(buffer: body)) else {
                throw StorageError(.server, "S3 returned a listing that is not XML")
            }
            for entry in xml.all("Contents") {
                guard let key = entry.text("Key"), let size = entry.text("Size").flatMap(Int64.init) else { continue }
                objects.append(
                    S3ObjectInfo(
                        key: key, size: size,
                        modified: entry.text("LastModified").flatMap(S3ObjectInfo.parseISODate) ?? Date(timeIntervalSince1970: 0),
                        etag: entry.text("ETag").map(S3ObjectInfo.unquote)))
            }
            token = xml.text("IsTruncated") == "true" ? xml.text("NextContinuationToken") : nil
        } while token != nil
        return objects
    }

    /// ListMultipartUploads: the keys and upload ids of multipart uploads not completed or aborted.
    public func listMultipartUploads(prefix: String = "") async throws -> [(key: String, uploadId: String)] {
        var query: [(name: String, value: String)] = [("uploads", "")]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        let request = Request(
            method: .GET, key: nil, query: query, timeout: configuration.timeouts.request, operation: "list uploads")
        let (_, body) = try await send(request)
        return (S3XML.parse(Data(buffer: body))?.all("Upload") ?? []).compactMap { upload in
            guard let key = upload.text("Key"), let id = upload.text("UploadId") else { return nil }
            return (key, id)
        }
    }
}
