import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

extension S3Client {
    /// Checks an object right after its upload with HeadObject (`x-amz-checksum-mode: ENABLED`): it must
    /// exist with the file's size, and its checksum, which the server computed from the bytes it stored,
    /// must equal the one computed from the file: a single part's own checksum, or the composite
    /// (checksum of the part checksums, `-N`) of a multipart upload. With `checksum = md5` the ETag is
    /// compared instead (MD5, or MD5 of the part MD5s, `-N`) where it has that form and ``S3Configuration/verifyETag`` is on.
    ///
    /// A server that reports no checksum (or only a full-object one for a multipart upload) leaves the
    /// size check and the per-part checks it made when the parts arrived.
    func verifyUpload(key: String, size: Int64, parts: [PartDigest], multipart: Bool) async throws -> S3ObjectInfo {
        let request = Request(
            method: .HEAD, key: key, headers: [("x-amz-checksum-mode", "ENABLED")], timeout: configuration.timeouts.request,
            operation: "read objects")
        let headers: HTTPHeaders
        do {
            headers = try await send(request).0.headers
        } catch let error as StorageError where error.code == .notFound {
            throw StorageError(.integrity, "object \"\(key)\" is missing right after its upload")
        }
        guard let info = S3ObjectInfo(key: key, headers: headers) else {
            throw StorageError(.server, "S3 answered HeadObject for \"\(key)\" without a Content-Length")
        }
        guard info.size == size else {
            throw StorageError(.integrity, "object \"\(key)\" has \(info.size) bytes after upload; the file has \(size)")
        }
        let checksum = configuration.checksum
        if checksum == .md5 {
            if configuration.verifyETag, let etag = info.etag, etag.wholeMatch(of: #/[0-9a-f]{32}(-[0-9]+)?/#) != nil,
               let expected = PartDigest.etag(parts, multipart: multipart), etag != expected {
                throw StorageError(.integrity, "object \"\(key)\" has ETag \(etag) after upload; the file's is \(expected)")
            }
            return info
        }
        guard let expected = PartDigest.objectChecksum(parts, checksum, multipart: multipart) else { return info }
        let name = checksum.headerName
        guard let reported = headers.first(name: name) else {
            logger.debug("S3 reports no object checksum; size checked only", metadata: ["pgbm.s3.key": "\(key)"])
            return info
        }
        if multipart, !reported.contains("-"), headers.first(name: "x-amz-checksum-type") == "FULL_OBJECT" {
            logger.debug("S3 reports a full-object checksum for a multipart upload; parts checked on arrival", metadata: ["pgbm.s3.key": "\(key)"])
            return info
        }
        // Some servers leave out the `-N` suffix of a composite checksum.
        let matches = reported == expected || (multipart && !reported.contains("-") && expected.hasPrefix(reported + "-"))
        guard matches else {
            throw StorageError(
                .integrity, "object \"\(key)\" has \(name) \(reported) after upload; the file's is \(expected)")
        }
        return info
    }
}
