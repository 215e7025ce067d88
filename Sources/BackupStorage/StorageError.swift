/// The one error of BackupStorage: a storage operation failed, with a message an operator can act on.
///
/// The ``code`` says what kind of failure it is (so callers and the connection test can tell bad
/// credentials from a missing bucket); the ``message`` says it in words. Neither ever contains a secret
/// key or session token; an access key id appears at most shortened (`AKIA…WXYZ`). The code is stable: its
/// ``Code/rawValue`` never changes meaning (`Docs/ERRORS.md` lists every code and how the API and `pgbm-cli`
/// report it).
public struct StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The code as `Docs/ERRORS.md`, the API and `pgbm-cli` show it (`bad_credentials`).
        public var rawValue: String { name }
        /// An object key failed validation.
        public static let invalidKey = Code(name: "invalid_key")
        /// The object does not exist.
        public static let notFound = Code(name: "not_found")
        /// A local file-system call failed.
        public static let io = Code(name: "io")
        /// The access key id is unknown, or the signature did not match (wrong secret key).
        public static let badCredentials = Code(name: "bad_credentials")
        /// The bucket does not exist.
        public static let bucketMissing = Code(name: "bucket_missing")
        /// The credentials are valid but not allowed to do this.
        public static let accessDenied = Code(name: "access_denied")
        /// The bucket lives in another region than the one configured.
        public static let wrongRegion = Code(name: "wrong_region")
        /// The local clock differs too much from the server's.
        public static let clockSkew = Code(name: "clock_skew")
        /// The endpoint could not be reached (DNS, refused, timeout, connection dropped for good).
        public static let unreachable = Code(name: "unreachable")
        /// The TLS handshake failed (certificate, protocol).
        public static let tls = Code(name: "tls")
        /// Data did not arrive intact (checksum, size or ETag mismatch).
        public static let integrity = Code(name: "integrity")
        /// The server refused the request for another reason.
        public static let server = Code(name: "server")
        /// The configuration is invalid.
        public static let configuration = Code(name: "configuration")

        /// Every code, in the order `Docs/ERRORS.md` lists them.
        public static let all: [Code] = [
            .badCredentials, .bucketMissing, .accessDenied, .wrongRegion, .clockSkew, .unreachable, .tls, .integrity,
            .notFound, .invalidKey, .io, .configuration, .server,
        ]

        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, in words.
    public let message: String
    /// The region the server reported, for ``Code/wrongRegion``.
    public let region: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, region: String? = nil) {
        self.code = code
        self.message = message
        self.region = region
    }

    public var description: String { message }
}
