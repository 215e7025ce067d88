import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import NIOFileSystem
import NIOFoundationCompat
import NIOHTTP1

extension S3Client {
    /// GetObject streamed to `path` (as `path.partial`, fsynced and renamed when complete).
    ///
    /// A connection dropped mid-transfer is resumed with a `Range` request pinned to the object's ETag
    /// (`If-Match`), up to the retry policy's attempts (counted afresh after each attempt that made
    /// progress); the SHA-256 of the bytes written is returned. Local write errors are not retried.
    public func download(key: String, to path: String) async throws -> DownloadedObject {
        try await AtomicFileWriter.write(to: path) { writer in
            var state = DownloadState()
            var failures = 0
            while true {
                let before = state.written
                do {
                    try await downloadAttempt(key: key, state: &state, writer: writer)
                    return DownloadedObject(size: state.written, sha256: state.hasher.finalize().hexString, resumes: state.resumes)
                } catch let failure as S3Failure {
                    failures = state.written > before ? 1 : failures + 1
                    guard failure.retryable, failures < configuration.retry.maxAttempts else { throw failure.error }
                    logger.info(
                        "S3 download interrupted, resuming",
                        metadata: ["pgbm.s3.key": "\(key)", "pgbm.s3.offset": "\(state.written)", "pgbm.s3.failures": "\(failures)"])
                    try await Task.sleep(for: configuration.retry.delay(beforeRetry: failures))
                }
            }
        }
    }

    struct DownloadState {
        var written: Int64 = 0
        var hasher = SHA256()
        var etag: String?
        var total: Int64?
        var resumes = 0
    }

    func downloadAttempt(key: String, state: inout DownloadState, writer: AtomicFileWriter) async throws {
        var headers: [(name: String, value: String)] = []
        if state.written > 0, let etag = state.etag {
            headers = [("range", "bytes=\(state.written)-"), ("if-match", "\"\(etag)\"")]
        }
        let request = Request(
            method: .GET, key: key, headers: headers, timeout: configuration.timeouts.transfer, operation: "read objects")
        let response = try await execute(request)
        switch response.status.code {
        case 206 where Self.rangeStart(response.headers) == state.written && state.written > 0:
            state.resumes += 1
        case 200, 206:
            // A first answer, or a server that ignored or misapplied the range: start over.
            if state.written > 0 { try await writer.truncate() }
            state = DownloadState(etag: response.headers.first(name: "etag").map(S3ObjectInfo.unquote), resumes: state.resumes)
            state.total = response.headers.first(name: "content-length").flatMap(Int64.init)
        default:
            let body = try await collect(response, request: request)
            throw S3Failure.response(status: response.status, headers: response.headers, body: Data(buffer: body), context: context(request))
        }
        var iterator = response.body.makeAsyncIterator()
        while true {
            let chunk: ByteBuffer?
            do {
                chunk = try await iterator.next()
            } catch {
                throw S3Failure.transport(error, context: context(request))
            }
            guard let chunk else { break }
            do {
                try await writer.write(chunk, at: state.written)
            } catch {
                throw StorageError(.io, "cannot write the download of \"\(key)\": \(error)")
            }
            chunk.withUnsafeReadableBytes { state.hasher.update(bufferPointer: $0) }
            state.written += Int64(chunk.readableBytes)
        }
        if let total = state.total, state.written != total {
            throw S3Failure(
                error: StorageError(.integrity, "download of \"\(key)\" ended at \(state.written) of \(total) bytes"),
                retryable: true, status: nil, s3Code: nil)
        }
    }

    /// The first byte of a `Content-Range: bytes a-b/n` header.
    static func rangeStart(_ headers: HTTPHeaders) -> Int64? {
        guard let range = headers.first(name: "content-range"), range.hasPrefix("bytes ") else { return nil }
        return range.dropFirst(6).split(separator: "-").first.flatMap { Int64($0) }
    }
}
