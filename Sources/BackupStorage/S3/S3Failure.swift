import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Logging
import NIOFoundationCompat

/// One failed S3 request attempt: the operator-facing error and whether trying again may help.
struct S3Failure: Error {
    let error: StorageError
    let retryable: Bool
    let status: Int?
    let s3Code: String?

    /// Maps an S3 error response (status, headers, XML body) to an actionable error.
    static func response(
        status: HTTPResponseStatus, headers: HTTPHeaders, body: Data, context: S3ErrorContext
    ) -> S3Failure {
        let xml = S3XML.parse(body)
        let code = xml?.text("Code") ?? Self.codeForBodylessResponse(status)
        let message = xml?.text("Message") ?? status.reasonPhrase
        let region = headers.first(name: "x-amz-bucket-region") ?? xml?.text("Region")
        // A body the server found damaged is read from the file and sent again.
        let retryable = status.code >= 500 || status.code == 429
            || ["SlowDown", "RequestTimeout", "BadDigest", "XAmzContentSHA256Mismatch"].contains(code)
        return S3Failure(
            error: context.error(code: code, message: message, status: Int(status.code), region: region),
            retryable: retryable, status: Int(status.code), s3Code: code)
    }

    /// Maps a transport error (connect, TLS, dropped connection, timeout).
    static func transport(_ error: any Error, context: S3ErrorContext) -> S3Failure {
        if let storageError = error as? StorageError {  // reading the body from its file failed
            return S3Failure(error: storageError, retryable: false, status: nil, s3Code: nil)
        }
        if error is NIOSSLError || error is BoringSSLError {
            return S3Failure(
                error: StorageError(.tls, "TLS handshake with \(context.endpoint) failed: \(error)"),
                retryable: false, status: nil, s3Code: nil)
        }
        if let httpError = error as? HTTPClientError, httpError == .tlsHandshakeTimeout {
            return S3Failure(
                error: StorageError(.tls, "TLS handshake with \(context.endpoint) timed out"),
                retryable: true, status: nil, s3Code: nil)
        }
        return S3Failure(
            error: StorageError(.unreachable, "cannot reach S3 endpoint \(context.endpoint): \(Self.describe(error))"),
            retryable: true, status: nil, s3Code: nil)
    }

    static func codeForBodylessResponse(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 301: "PermanentRedirect"
        case 403: "Forbidden"
        case 404: "NotFound"
        default: "HTTP\(status.code)"
        }
    }

    static func describe(_ error: any Error) -> String {
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .connectTimeout: return "connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .readTimeout: return "no data within the timeout"
            case .deadlineExceeded: return "the request took longer than its time limit"
            default: return "\(httpError)"
            }
        }
        if let ioError = error as? IOError { return String(cString: strerror(ioError.errnoCode)) }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}
