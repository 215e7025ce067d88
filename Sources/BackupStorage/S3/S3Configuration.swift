public import Foundation
import Logging
import NIOHTTP1
import NIOFoundationCompat
import AsyncHTTPClient
import NIOCore

/// Where and how to reach an S3-compatible bucket.
///
/// ```swift
/// var configuration = S3Configuration(
///     bucket: "backups", region: "eu-central-1",
///     credentials: SigV4Credentials(accessKeyId: id, secretAccessKey: secret))
/// configuration.endpoint = URL(string: "https://minio.internal:9000")   // MinIO, R2, B2, Wasabi…
/// configuration.addressing = .pathStyle
/// ```
public struct S3Configuration: Sendable {
    /// How the bucket appears in request URLs.
    public enum Addressing: String, Sendable {
        /// `https://endpoint/bucket/key` (MinIO and most self-hosted servers).
        case pathStyle = "path"
        /// `https://bucket.endpoint/key` (AWS's default).
        case virtualHosted = "virtual"
    }

    /// How each uploaded body is checked by the server, and the object after the upload.
    public enum Checksum: String, Sendable {
        /// `x-amz-checksum-crc32c` on every body (computed with the CPU's crc32 instruction), the
        /// composite CRC32C of the parts compared after the upload (AWS, MinIO, most current providers).
        case crc32c
        /// `x-amz-checksum-sha256` on every body, which is then also signed with that SHA-256; the
        /// composite SHA-256 compared after the upload.
        case sha256
        /// `Content-MD5`, for providers without the newer checksum headers; the ETag (MD5-based)
        /// compared after the upload.
        case md5

        /// The name S3 uses in `x-amz-checksum-algorithm`, `nil` for MD5.
        var algorithmName: String? {
            switch self {
            case .crc32c: "CRC32C"
            case .sha256: "SHA256"
            case .md5: nil
            }
        }

        /// The header that carries a body's or object's checksum.
        var headerName: String {
            switch self {
            case .crc32c: "x-amz-checksum-crc32c"
            case .sha256: "x-amz-checksum-sha256"
            case .md5: "content-md5"
            }
        }
    }

    /// Whether upload bodies are signed with their SHA-256 (`x-amz-content-sha256`) or sent as
    /// `UNSIGNED-PAYLOAD`; either way each carries its ``Checksum`` in a signed header.
    public enum PayloadSigning: String, Sendable {
        /// Signed over plain HTTP to another machine, where nothing else stops a body from being swapped
        /// on the way; unsigned over HTTPS (TLS authenticates every byte) and to this machine (no wire).
        case automatic
        /// Always signed (for a local plain-HTTP proxy that forwards to another machine).
        case always
        /// Never signed.
        case never
    }

    /// Retries with exponential backoff and full jitter.
    public struct RetryPolicy: Sendable {
        /// Attempts per request, the first included (1 = no retries).
        public var maxAttempts: Int = 5
        /// Delay before the first retry; doubles each time.
        public var baseDelay: Duration = .milliseconds(200)
        /// Upper bound of one delay.
        public var maxDelay: Duration = .seconds(20)

        /// Creates the default policy: 5 attempts, 200 ms doubling up to 20 s, with jitter.
        public init() {}
    }

    /// Time limits.
    public struct Timeouts: Sendable {
        /// Establishing a connection.
        public var connect: Duration = .seconds(10)
        /// One request with a small body (metadata operations, listing).
        public var request: Duration = .seconds(60)
        /// One part upload; also the longest silence allowed while a response streams.
        public var transfer: Duration = .seconds(600)

        /// Creates the default time limits.
        public init() {}
    }

    /// The bucket.
    public var bucket: String
    /// The bucket's region (`us-east-1` for most non-AWS servers).
    public var region: String
    /// `nil` for AWS (`https://s3.<region>.amazonaws.com`), else the server's base URL.
    public var endpoint: URL?
    /// Path-style or virtual-hosted requests.
    public var addressing: Addressing
    /// Key prefix below which pgbm's objects live (`pgbm` → `pgbm/<slug>/<file>`); empty for the bucket root.
    public var prefix: String
    /// Access key id, secret key and optional session token.
    public var credentials: SigV4Credentials
    /// Starting part size for multipart uploads (at least 5 MiB); grown so a file needs at most ``maxParts``.
    public var partSize: Int = 16 << 20
    /// The provider's part-count limit (10,000 on AWS; some providers allow 1,000).
    public var maxParts: Int = 10_000
    /// Parts uploaded at once. Each reads its bytes through two 1 MiB blocks, so memory does not
    /// depend on the part size.
    public var parallelParts: Int = 4
    /// Integrity header on uploads.
    public var checksum: Checksum = .crc32c
    /// When bodies are signed with their SHA-256 (the checksum header is always signed).
    public var payloadSigning: PayloadSigning = .automatic
    /// With `checksum = .md5`: compare the ETag after an upload with the MD5 computed locally where
    /// the ETag has MD5 form (the other checksums compare the object's checksum instead).
    public var verifyETag = true
    /// Retry policy.
    public var retry = RetryPolicy()
    /// Time limits.
    public var timeouts = Timeouts()

    /// Creates a configuration; AWS virtual-hosted addressing unless an endpoint is set.
    public init(
        bucket: String, region: String, credentials: SigV4Credentials, endpoint: URL? = nil,
        addressing: Addressing? = nil, prefix: String = ""
    ) {
        self.bucket = bucket
        self.region = region
        self.credentials = credentials
        self.endpoint = endpoint
        self.addressing = addressing ?? (endpoint == nil ? .virtualHosted : .pathStyle)
        self.prefix = prefix
    }

    /// Checks names and numbers; an error names the field and what is expected.
    public func validate() throws(StorageError) {
        func fail(_ field: String, _ message: String) -> StorageError {
            StorageError(.configuration, "s3.\(field): \(message)")
        }
        let bucketPattern = #/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/#
        guard bucket.wholeMatch(of: bucketPattern) != nil else {
            throw fail("bucket", "\"\(bucket)\" is not a valid bucket name (3-63 lowercase letters, digits, dots, hyphens)")
        }
        guard !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw fail("region", "\"\(region)\" is not a region name (like eu-central-1)")
        }
        if let endpoint {
            guard ["http", "https"].contains(endpoint.scheme ?? ""), endpoint.host?.isEmpty == false,
                  endpoint.path.isEmpty || endpoint.path == "/", endpoint.query == nil else {
                throw fail("endpoint", "\"\(endpoint)\" must be an http:// or https:// URL with a host and no path")
            }
        }
        guard !prefix.hasPrefix("/"), !prefix.hasSuffix("/") else {
            throw fail("prefix", "\"\(prefix)\" must not start or end with /")
        }
        guard partSize >= 5 << 20, partSize <= 1 << 30 else { throw fail("part_size", "must be between 5 MiB and 1 GiB") }
        guard (1...10_000).contains(maxParts) else { throw fail("max_parts", "must be between 1 and 10000") }
        guard (1...64).contains(parallelParts) else { throw fail("parallel_parts", "must be between 1 and 64") }
        guard retry.maxAttempts >= 1, retry.baseDelay >= .zero, retry.maxDelay >= retry.baseDelay else {
            throw fail("retry", "needs at least 1 attempt and 0 <= base delay <= max delay")
        }
        guard credentials.accessKeyId.isEmpty == false, credentials.secretAccessKey.isEmpty == false else {
            throw fail("access_key", "the access key id and the secret key must both be set")
        }
    }
}
