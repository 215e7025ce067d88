import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOFileSystem
import Logging
import NIOHTTP1
import NIOFoundationCompat

extension S3Client {
    /// GetObject streamed to `path` (as `path.partial`, fsynced and renamed when complete).
    ///
    /// A connection dropped mid-transfer is resumed with a `Range` request pinned to the object's ETag
    /// (`If-Match`), up to the retry policy's attempts; the SHA-256 of the bytes written is returned.
    public func download(key: String, to path: String) async throws -> DownloadedObject {
        try await AtomicFileWriter.write(to: path) { writer in
            var state = DownloadState()
            var attempt = 1
            while true {
                do {
                    try await downloadAttempt(key: key, state: &state, writer: writer)
                    return DownloadedObject(size: state.written, sha256: state.hasher.finalize().hexString, resumes: state.resumes)
                } catch let failure as S3Failure {
                    guard failure.retryable, attempt < configuration.retry.maxAttempts else { throw failure.error }
                    logger.info(
                        "S3 download interrupted, resuming",
                        metadata: ["pgbm.s3.key": "\(key)", "pgbm.s3.offset": "\(state.written)", "pgbm.s3.attempt": "\(attempt)"])
                    try await Task.sleep(for: configuration.retry.delay(beforeRetry: attempt))
                    attempt += 1
                    if state.written > 0 { state.resumes += 1 }
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
        case 200:
            if state.written > 0 {  // the server ignored the range: start over
                state = DownloadState(resumes: state.resumes)
                try await writer.truncate()
            }
            state.etag = response.headers.first(name: "etag").map(S3ObjectInfo.unquote)
            state.total = response.headers.first(name: "content-length").flatMap(Int64.init)
        case 206:
            break
        default:
            let body = try await collect(response, request: request)
            throw S3Failure.response(status: response.status, headers: response.headers, body: Data(buffer: body), context: context(request))
        }
        do {
            for try await chunk in response.body {
                try await writer.write(chunk, at: state.written)
                chunk.withUnsafeReadableBytes { state.hasher.update(bufferPointer: $0) }
                state.written += Int64(chunk.readableBytes)
            }
        } catch let error as S3Failure {
            throw error
        } catch {
            throw S3Failure.transport(error, context: context(request))
        }
        if let total = state.total, state.written != total {
            throw S3Failure(
                error: StorageError(.integrity, "download of \"\(key)\" ended at \(state.written) of \(total) bytes"),
                retryable: true, status: nil, s3Code: nil)
        }
    }
}
