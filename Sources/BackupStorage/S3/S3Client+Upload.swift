import Foundation
import AsyncHTTPClient
import NIOCore
import NIOFileSystem
import Logging
import NIOHTTP1
import NIOFoundationCompat

extension S3Client {
    /// Uploads a file: one PutObject when it fits in one part, else a multipart upload with parts in
    /// parallel. Every body carries the configured checksum, which the server checks; afterwards
    /// HeadObject must report the file's size and the object checksum computed from the parts (see
    /// ``verifyUpload(key:size:parts:multipart:)``).
    ///
    /// The file is read in blocks (``BlockPool``), never a whole part at a time, so memory does not
    /// depend on the file or part size. A failed multipart upload is aborted, so no parts stay behind.
    /// - Returns: the stored object's metadata.
    @discardableResult
    public func upload(file path: String, key: String) async throws -> S3ObjectInfo {
        try await upload(file: path, key: key, blocks: BlockPool())
    }

    /// ``upload(file:key:)`` with the caller's block pool (tests read its allocation count).
    func upload(file path: String, key: String, blocks: BlockPool) async throws -> S3ObjectInfo {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
            let size = try await handle.info().size
            let plan = PartPlan(fileSize: size, startingPartSize: configuration.partSize, maxParts: configuration.maxParts)
            let parts: [PartDigest]
            if plan.isSinglePart {
                let part = FilePart(handle: handle, path: path, range: 0..<size, blocks: PartBlocks(pool: blocks))
                defer { part.blocks.release() }
                parts = [try await putObject(key: key, part: part)]
            } else {
                parts = try await multipartUpload(handle: handle, path: path, plan: plan, key: key, blocks: blocks)
            }
            return try await verifyUpload(key: key, size: size, parts: parts, multipart: !plan.isSinglePart)
        }
    }

    /// The checksums each body needs: the configured one, and the SHA-256 when the payload is signed.
    var partNeeds: PartDigest.Needs {
        var needs = PartDigest.Needs()
        switch configuration.checksum {
        case .crc32c: needs.crc32c = true
        case .sha256: needs.sha256 = true
        case .md5: needs.md5 = true
        }
        if signsPayload { needs.sha256 = true }
        return needs
    }

    /// Whether bodies are signed with their SHA-256 (``S3Configuration/PayloadSigning``); with
    /// `checksum = sha256` they always are, the digest being there anyway.
    var signsPayload: Bool {
        switch configuration.payloadSigning {
        case .always: true
        case .never: false
        case .automatic: base.scheme != "https" && !Self.isLoopback(base.host)
        }
    }

    /// `localhost`, 127.0.0.0/8 or ::1: bytes to it never leave this machine.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Create, upload parts (`parallelParts` at a time), complete; abort on any failure.
    /// - Returns: the parts' checksums, in part order.
    func multipartUpload(handle: ReadFileHandle, path: String, plan: PartPlan, key: String, blocks: BlockPool) async throws -> [PartDigest] {
        let uploadId = try await createMultipartUpload(key: key)
        do {
            let parts = try await uploadParts(handle: handle, path: path, plan: plan, key: key, uploadId: uploadId, blocks: blocks)
            try await completeMultipartUpload(key: key, uploadId: uploadId, parts: parts)
            return parts.map(\.digest)
        } catch {
            // Abort even when the upload was cancelled: a cancelled task's requests would fail at once.
            let client = self
            await Task.detached { await client.abortMultipartUpload(key: key, uploadId: uploadId) }.value
            throw error
        }
    }

    struct UploadedPart: Sendable {
        let number: Int
        let etag: String
        let digest: PartDigest
    }

    func uploadParts(
        handle: ReadFileHandle, path: String, plan: PartPlan, key: String, uploadId: String, blocks: BlockPool
    ) async throws -> [UploadedPart] {
        try await withThrowingTaskGroup(of: UploadedPart.self) { group in
            var parts: [UploadedPart] = []
            var next = 1
            func startNext() {
                let number = next
                next += 1
                group.addTask {
                    let part = FilePart(handle: handle, path: path, range: plan.range(ofPart: number), blocks: PartBlocks(pool: blocks))
                    defer { part.blocks.release() }
                    return try await uploadPart(number: number, part: part, key: key, uploadId: uploadId)
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

    /// PutObject of a whole (small) file, streamed from it.
    func putObject(key: String, part: FilePart) async throws -> PartDigest {
        let digest = try await part.digest(partNeeds)
        var headers: [(name: String, value: String)] = [("content-type", "application/octet-stream"), digest.header(configuration.checksum)]
        // Names the algorithm S3 keeps for the object (HeadObject reports it with checksum mode on).
        if let algorithm = configuration.checksum.algorithmName { headers.append(("x-amz-sdk-checksum-algorithm", algorithm)) }
        let request = Request(
            method: .PUT, key: key, headers: headers, stream: part, payload: digest.payload,
            timeout: configuration.timeouts.transfer, operation: "upload objects")
        _ = try await send(request)
        return digest
    }

    func uploadPart(number: Int, part: FilePart, key: String, uploadId: String) async throws -> UploadedPart {
        let digest = try await part.digest(partNeeds)
        let request = Request(
            method: .PUT, key: key, query: [("partNumber", "\(number)"), ("uploadId", uploadId)],
            headers: [digest.header(configuration.checksum)], stream: part, payload: digest.payload,
            timeout: configuration.timeouts.transfer, operation: "upload parts")
        let (response, _) = try await send(request)
        guard let etag = response.headers.first(name: "etag") else {
            throw StorageError(.server, "S3 accepted part \(number) of \"\(key)\" without an ETag")
        }
        return UploadedPart(number: number, etag: etag, digest: digest)
    }

    func createMultipartUpload(key: String) async throws -> String {
        var headers: [(name: String, value: String)] = [("content-type", "application/octet-stream")]
        if let algorithm = configuration.checksum.algorithmName { headers.append(("x-amz-checksum-algorithm", algorithm)) }
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
            "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(S3XML.escape(part.etag))</ETag>"
                + "\(part.digest.completeElement(configuration.checksum))</Part>"
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
