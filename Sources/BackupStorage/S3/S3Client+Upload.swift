import Crypto
import Foundation
import AsyncHTTPClient
import NIOCore
import NIOFileSystem
import Logging
import NIOHTTP1
import NIOFoundationCompat

extension S3Client {
    /// Uploads a file: one PutObject when it fits in one part, else a multipart upload with parts in
    /// parallel. Afterwards HeadObject must report the file's size (and MD5 ETag where it has that form).
    ///
    /// A failed multipart upload is aborted, so no parts stay behind in the bucket.
    /// - Returns: the stored object's metadata.
    @discardableResult
    public func upload(file path: String, key: String) async throws -> S3ObjectInfo {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
            let size = try await handle.info().size
            let plan = PartPlan(fileSize: size, startingPartSize: configuration.partSize, maxParts: configuration.maxParts)
            let expectedETag: String
            if plan.isSinglePart {
                let body = try await Self.read(handle, range: 0..<size, path: path)
                let checksum = Checksums(body)
                _ = try await putObject(key: key, body: body, checksum: checksum)
                expectedETag = checksum.md5Hex
            } else {
                expectedETag = try await multipartUpload(handle: handle, path: path, plan: plan, key: key)
            }
            return try await verifyUpload(key: key, size: size, expectedETag: expectedETag)
        }
    }

    /// Checks the stored object's size and, where the ETag has MD5 form, the ETag.
    func verifyUpload(key: String, size: Int64, expectedETag: String) async throws -> S3ObjectInfo {
        guard let info = try await head(key: key) else {
            throw StorageError(.integrity, "object \"\(key)\" is missing right after its upload")
        }
        guard info.size == size else {
            throw StorageError(.integrity, "object \"\(key)\" has \(info.size) bytes after upload; the file has \(size)")
        }
        if configuration.verifyETag, let etag = info.etag, etag.wholeMatch(of: #/[0-9a-f]{32}(-[0-9]+)?/#) != nil,
           etag != expectedETag {
            throw StorageError(
                .integrity, "object \"\(key)\" has ETag \(etag) after upload; the file's is \(expectedETag)")
        }
        return info
    }

    /// Create, upload parts (`parallelParts` at a time), complete; abort on any failure.
    /// - Returns: the multipart ETag expected from the parts' MD5s.
    func multipartUpload(handle: ReadFileHandle, path: String, plan: PartPlan, key: String) async throws -> String {
        let uploadId = try await createMultipartUpload(key: key)
        do {
            let parts = try await uploadParts(handle: handle, path: path, plan: plan, key: key, uploadId: uploadId)
            try await completeMultipartUpload(key: key, uploadId: uploadId, parts: parts)
            let md5s = parts.flatMap { Array($0.checksum.md5) }
            return Insecure.MD5.hash(data: md5s).hexString + "-\(parts.count)"
        } catch {
            // Abort even when the upload was cancelled: a cancelled task's requests would fail at once.
            let client = self
            await Task.detached { await client.abortMultipartUpload(key: key, uploadId: uploadId) }.value
            throw error
        }
    }

    /// Reads exactly `range` of the file (a single `pread` may return less).
    static func read(_ handle: ReadFileHandle, range: Range<Int64>, path: String) async throws -> ByteBuffer {
        var buffer = ByteBuffer()
        var offset = range.lowerBound
        while offset < range.upperBound {
            var chunk = try await handle.readChunk(fromAbsoluteOffset: offset, length: .bytes(range.upperBound - offset))
            guard chunk.readableBytes > 0 else {
                throw StorageError(.io, "\(path) ended at byte \(offset) while \(range.upperBound) were expected (did it shrink?)")
            }
            offset += Int64(chunk.readableBytes)
            if buffer.readableBytes == 0 { buffer = chunk } else { buffer.writeBuffer(&chunk) }  // usually one read, no copy
        }
        return buffer
    }

    struct UploadedPart: Sendable {
        let number: Int
        let etag: String
        let checksum: Checksums
    }

    func uploadParts(handle: ReadFileHandle, path: String, plan: PartPlan, key: String, uploadId: String) async throws -> [UploadedPart] {
        try await withThrowingTaskGroup(of: UploadedPart.self) { group in
            var parts: [UploadedPart] = []
            var next = 1
            func startNext() {
                let number = next
                next += 1
                group.addTask {
                    let body = try await Self.read(handle, range: plan.range(ofPart: number), path: path)
                    return try await uploadPart(number: number, body: body, key: key, uploadId: uploadId)
                }
            }
            while next <= min(plan.partCount, configuration.parallelParts) { startNext() }
            while let part = try await group.next() {
                parts.append(part)
                if next <= plan.partCount { startNext() }
            }
            return parts.sorted { $0.number < $1.number }
        }
    }

    func uploadPart(number: Int, body: ByteBuffer, key: String, uploadId: String) async throws -> UploadedPart {
        let checksum = Checksums(body)
        let request = Request(
            method: .PUT, key: key, query: [("partNumber", "\(number)"), ("uploadId", uploadId)],
            headers: [checksumHeader(checksum)], body: body, payload: .sha256(hex: checksum.sha256Hex),
            timeout: configuration.timeouts.transfer, operation: "upload parts")
        let (response, _) = try await send(request)
        guard let etag = response.headers.first(name: "etag") else {
            throw StorageError(.server, "S3 accepted part \(number) of \"\(key)\" without an ETag")
        }
        return UploadedPart(number: number, etag: etag, checksum: checksum)
    }

    func createMultipartUpload(key: String) async throws -> String {
        var headers: [(name: String, value: String)] = [("content-type", "application/octet-stream")]
        if configuration.checksum == .sha256 { headers.append(("x-amz-checksum-algorithm", "SHA256")) }
        let request = Request(
            method: .POST, key: key, query: [("uploads", "")], headers: headers,
            timeout: configuration.timeouts.request, operation: "upload objects")
        let (_, body) = try await send(request)
        guard let id = S3XML.parse(Data(buffer: body))?.text("UploadId") else {
            throw StorageError(.server, "S3 started a multipart upload of \"\(key)\" without an upload id")
        }
        return id
    }

    func completeMultipartUpload(key: String, uploadId: String, parts: [UploadedPart]) async throws {
        let list = parts.map { part in
            let checksum = configuration.checksum == .sha256 ? "<ChecksumSHA256>\(part.checksum.sha256Base64)</ChecksumSHA256>" : ""
            return "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(S3XML.escape(part.etag))</ETag>\(checksum)</Part>"
        }.joined()
        let body = Data("<CompleteMultipartUpload>\(list)</CompleteMultipartUpload>".utf8)
        let request = Request(
            method: .POST, key: key, query: [("uploadId", uploadId)], headers: [("content-type", "application/xml")],
            body: ByteBuffer(data: body), payload: .sha256(hex: Checksums(body).sha256Hex),
            timeout: configuration.timeouts.transfer, operation: "complete uploads")
        var attempt = 0
        try await withRetries(request.operation, context: context(request)) {
            attempt += 1
            let response = try await execute(request)
            let answer = Data(buffer: try await collect(response, request: request))
            // CompleteMultipartUpload can answer 200 with an error document; it is retried like any error.
            let failed = response.status != .ok || S3XML.parse(answer)?.name == "Error"
            guard failed else { return }
            let failure = S3Failure.response(
                status: response.status == .ok ? .internalServerError : response.status, headers: response.headers,
                body: answer, context: context(request))
            // A retry after a lost answer finds the upload already completed.
            if attempt > 1, failure.s3Code == "NoSuchUpload", try await head(key: key) != nil { return }
            throw failure
        }
    }

    /// AbortMultipartUpload, retried; failures are logged, not thrown (the original error matters more).
    func abortMultipartUpload(key: String, uploadId: String) async {
        let request = Request(
            method: .DELETE, key: key, query: [("uploadId", uploadId)], timeout: configuration.timeouts.request,
            operation: "abort uploads")
        do {
            _ = try await send(request, acceptedStatuses: [200, 204, 404])
            logger.info("aborted a failed multipart upload", metadata: ["pgbm.s3.key": "\(key)", "pgbm.s3.upload_id": "\(uploadId)"])
        } catch {
            logger.warning(
                "could not abort a multipart upload; its parts stay in the bucket until a lifecycle rule removes them",
                metadata: ["pgbm.s3.key": "\(key)", "pgbm.s3.upload_id": "\(uploadId)", "pgbm.s3.error": "\(error)"])
        }
    }
}
