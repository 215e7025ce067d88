public import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
import NIOHTTP1
import NIOFoundationCompat

/// pgbm's own S3 client: SigV4-signed requests over async-http-client, with retries.
///
/// The caller owns the `HTTPClient` (``makeHTTPClient(timeouts:)`` makes a suitable one) and shuts it
/// down; the client holds no other resources.
///
/// ```swift
/// let http = S3Client.makeHTTPClient()
/// let client = try S3Client(configuration: configuration, httpClient: http, logger: logger)
/// try await client.upload(file: "/backups/app/app.dump.enc", key: "pgbm/app/app.dump.enc")
/// ```
public struct S3Client: Sendable {
    /// The configuration this client was made with.
    public let configuration: S3Configuration
    let httpClient: HTTPClient
    let logger: Logger
    let signer: SigV4Signer
    let base: (scheme: String, host: String, port: Int?)

    /// Creates a client after validating the configuration.
    /// - Throws: ``StorageError`` with code `configuration`, naming the field.
    public init(configuration: S3Configuration, httpClient: HTTPClient, logger: Logger) throws(StorageError) {
        try configuration.validate()
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        self.signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region)
        if let endpoint = configuration.endpoint, let host = endpoint.host {
            base = (endpoint.scheme ?? "https", host, endpoint.port)
        } else {
            base = ("https", "s3.\(configuration.region).amazonaws.com", nil)
        }
    }

    /// An `HTTPClient` set up for S3: connect timeout and read timeout (longest silence while a response
    /// streams) from the configuration, connection errors reported
    /// at once (pgbm retries itself), no redirects (a 301 means a wrong region), no decompression.
    /// The caller shuts it down.
    public static func makeHTTPClient(timeouts: S3Configuration.Timeouts = .init()) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = TimeAmount(timeouts.connect)
        configuration.timeout.read = TimeAmount(timeouts.transfer)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The endpoint as shown in messages.
    var endpointDescription: String {
        "\(base.scheme)://\(base.host)\(base.port.map { ":\($0)" } ?? "")"
    }

    /// One S3 request before signing.
    struct Request {
        var method: HTTPMethod
        /// The raw object key (prefix included), `nil` for bucket-level requests.
        var key: String?
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        var body: ByteBuffer?
        /// A body streamed from a file, read again for each attempt (instead of `body`).
        var stream: FilePart?
        var payload: SigV4Payload = .empty
        var timeout: Duration
        var operation: String
    }

    func context(_ request: Request) -> S3ErrorContext {
        S3ErrorContext(
            endpoint: endpointDescription, bucket: configuration.bucket, key: request.key,
            region: configuration.region, accessKey: configuration.credentials.redactedAccessKeyId,
            operation: request.operation)
    }

    /// A presigned GET URL for `key`, valid for `expires` seconds (1 to 604,800): anyone holding it can
    /// download the object without credentials until then.
    public func presignedGetURL(key: String, expires: Int, date: Date = Date()) -> URL {
        signer.presignedURL(signable(Request(method: .GET, key: key, timeout: .seconds(0), operation: "read objects")), expires: expires, date: date)
    }

    /// The request as the signer sees it: host and path for the configured addressing style.
    func signable(_ request: Request) -> SigV4Request {
        let hostWithPort = base.host + (base.port.map { ":\($0)" } ?? "")
        let host: String
        let path: String
        switch configuration.addressing {
        case .pathStyle:
            host = hostWithPort
            path = "/\(configuration.bucket)" + (request.key.map { "/\($0)" } ?? "")
        case .virtualHosted:
            host = "\(configuration.bucket).\(hostWithPort)"
            path = "/" + (request.key ?? "")
        }
        return SigV4Request(
            method: request.method.rawValue, scheme: base.scheme, host: host, path: path,
            query: request.query, headers: [("host", host)] + request.headers)
    }

    /// Builds and signs the HTTP request for one attempt.
    func prepare(_ request: Request, date: Date = Date()) -> HTTPClientRequest {
        let signable = signable(request)
        var prepared = HTTPClientRequest(url: signable.url.absoluteString)
        prepared.method = request.method
        for (name, value) in signable.headers + signer.sign(signable, payload: request.payload, date: date) {
            prepared.headers.add(name: name, value: value)
        }
        if let part = request.stream {
            prepared.body = part.count == 0 ? .bytes(ByteBuffer()) : .stream(part.body, length: .known(part.count))
        } else if let body = request.body {
            prepared.body = .bytes(body)
        }
        return prepared
    }

    /// Sends a request with retries and returns the response head and its (bounded) body.
    func send(_ request: Request, acceptedStatuses: Set<Int> = [200]) async throws -> (HTTPClientResponse, ByteBuffer) {
        try await withRetries(request.operation, context: context(request)) {
            let response = try await execute(request)
            let body = try await collect(response, request: request)
            guard acceptedStatuses.contains(Int(response.status.code)) else {
                throw S3Failure.response(
                    status: response.status, headers: response.headers, body: Data(buffer: body), context: context(request))
            }
            return (response, body)
        }
    }

    /// Runs one attempt; transport errors become ``S3Failure``.
    func execute(_ request: Request) async throws -> HTTPClientResponse {
        do {
            return try await httpClient.execute(prepare(request), timeout: .init(request.timeout), logger: logger)
        } catch {
            throw S3Failure.transport(error, context: context(request))
        }
    }

    func collect(_ response: HTTPClientResponse, request: Request) async throws -> ByteBuffer {
        do {
            return try await response.body.collect(upTo: 16 << 20)
        } catch {
            throw S3Failure.transport(error, context: context(request))
        }
    }

    /// Runs `attempt` until it succeeds, fails with a non-retryable error, or the attempts run out.
    func withRetries<T>(
        _ operation: String, context: S3ErrorContext, _ attempt: () async throws -> T
    ) async throws -> T {
        var number = 1
        while true {
            do {
                return try await attempt()
            } catch let failure as S3Failure {
                guard failure.retryable, number < configuration.retry.maxAttempts else { throw failure.error }
                let delay = configuration.retry.delay(beforeRetry: number)
                logger.info(
                    "S3 request failed, retrying",
                    metadata: [
                        "pgbm.s3.operation": "\(operation)", "pgbm.s3.attempt": "\(number)",
                        "pgbm.s3.error": "\(failure.error.code)", "pgbm.s3.retry_in_ms": "\(delay.milliseconds)",
                    ])
                try await Task.sleep(for: delay)
                number += 1
            }
        }
    }
}

extension S3Configuration.RetryPolicy {
    /// Exponential backoff with jitter: between half and all of `min(maxDelay, baseDelay × 2^(n-1))`.
    func delay(beforeRetry number: Int) -> Duration {
        let ceiling = min(maxDelay, baseDelay * (1 << min(number - 1, 20)))
        return ceiling * Double.random(in: 0.5...1.0)
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}

extension TimeAmount {
    init(_ duration: Duration) {
        self = .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
