import Crypto
public import Foundation

/// Signs S3 requests with AWS Signature Version 4: in headers (``sign(_:payload:date:)``) or in a
/// presigned URL (``presignedURL(_:expires:date:)``).
///
/// S3's variant of the algorithm: the path is signed exactly as sent (``SigV4Request/encodedPath``,
/// encoded once, never normalized or double-encoded), and the body hash travels in
/// `x-amz-content-sha256`.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "eu-central-1")
/// let request = SigV4Request(method: "GET", host: host, path: "/bucket/backups/db.pgbm")
/// var headers = request.headers
/// headers += signer.sign(request, payload: .empty, date: Date())
/// // send request.url with headers
/// ```
public struct SigV4Signer: Sendable {
    /// The credentials that sign.
    public let credentials: SigV4Credentials
    /// The region in the credential scope, such as `us-east-1`.
    public let region: String
    /// The service in the credential scope: `s3`.
    public let service: String

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - credentials: The access key pair and optional session token.
    ///   - region: The bucket's region, such as `us-east-1`.
    ///   - service: The service name in the credential scope; `s3` unless a compatible server asks otherwise.
    public init(credentials: SigV4Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    static let algorithm = "AWS4-HMAC-SHA256"
    /// The longest lifetime S3 accepts for a presigned URL: seven days.
    public static let maximumExpiry = 604_800

    /// Hop-by-hop and client-owned headers a proxy or HTTP client may add, drop or rewrite; never signed
    /// (the same list as botocore's `SIGNED_HEADERS_BLACKLIST`).
    static let unsignedHeaderNames: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]
    /// Headers the signer sets itself; copies in the request are ignored and must not be sent.
    static let signerHeaderNames: Set<String> = [
        "authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token",
    ]
    /// Query parameters of query-string authentication; copies in the request are replaced.
    static let presignParameterNames: Set<String> = [
        "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-signedheaders",
        "x-amz-security-token", "x-amz-signature",
    ]

    /// The headers to add to `request` so that S3 accepts it.
    ///
    /// All of the request's own headers are signed (`host`, `content-type`, `content-md5`, `range`,
    /// `x-amz-*`, …) except hop-by-hop ones such as `user-agent`, `expect` and `transfer-encoding`;
    /// `host` is added from ``SigV4Request/host`` when the request has none.
    ///
    /// - Parameters:
    ///   - request: The request as it will be sent.
    ///   - payload: The body's hash, ``SigV4Payload/unsigned`` or ``SigV4Payload/empty``.
    ///   - date: The signing time; S3 rejects requests more than 15 minutes off its clock.
    /// - Returns: `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` (with a session token
    ///   only) and `Authorization`, in that order. Send them besides the request's headers, and no
    ///   other headers with these names.
    public func sign(_ request: SigV4Request, payload: SigV4Payload, date: Date) -> [(name: String, value: String)] {
        headerSigning(request, payload: payload, date: date).headers
    }

    /// A presigned URL for `request`: anyone holding it may send this method to this path until it expires.
    ///
    /// Only `host` is signed (`X-Amz-SignedHeaders=host`); the request's other headers are not part of
    /// the URL, and the body is `UNSIGNED-PAYLOAD`.
    ///
    /// - Parameters:
    ///   - request: The request (method, host, path, query); its headers are ignored.
    ///   - expires: The lifetime in seconds, 1 through ``maximumExpiry``; values outside are clamped.
    ///   - date: The signing time, from which the lifetime counts.
    /// - Returns: The URL with `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    ///   `X-Amz-SignedHeaders`, `X-Amz-Security-Token` (with a session token only) and `X-Amz-Signature`
    ///   after the request's own parameters.
    public func presignedURL(_ request: SigV4Request, expires: Int, date: Date) -> URL {
        presigning(request, expires: expires, date: date).url
    }

    // MARK: - Steps, internal for tests

    /// What one signature was computed from, for tests and debugging (never logged: it is not secret,
    /// but it is large).
    struct Computation: Sendable {
        var canonicalRequest: String
        var stringToSign: String
        var signedHeaders: String
        var signature: String
    }

    /// ``sign(_:payload:date:)`` with its intermediate values.
    func headerSigning(
        _ request: SigV4Request, payload: SigV4Payload, date: Date
    ) -> (headers: [(name: String, value: String)], computation: Computation) {
        let time = Timestamp(date)
        let payloadHash = payload.contentSHA256
        var added: [(name: String, value: String)] = [
            (name: "x-amz-date", value: time.amzDate), (name: "x-amz-content-sha256", value: payloadHash),
        ]
        if let token = credentials.sessionToken {
            added.append((name: "x-amz-security-token", value: token))
        }
        var headers = request.headers.filter { header in
            let name = SigV4Request.canonicalName(header.name)
            return !Self.unsignedHeaderNames.contains(name) && !Self.signerHeaderNames.contains(name)
        }
        if !headers.contains(where: { SigV4Request.canonicalName($0.name) == "host" }) {
            headers.append((name: "host", value: request.host))
        }
        let computation = compute(
            request, query: request.canonicalQueryString, headers: headers + added, payloadHash: payloadHash,
            time: time)
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope(time)), "
            + "SignedHeaders=\(computation.signedHeaders), Signature=\(computation.signature)"
        added.append((name: "Authorization", value: authorization))
        return (added, computation)
    }

    /// ``presignedURL(_:expires:date:)`` with its intermediate values.
    func presigning(_ request: SigV4Request, expires: Int, date: Date) -> (url: URL, computation: Computation) {
        let time = Timestamp(date)
        var parameters = request.query.filter { !Self.presignParameterNames.contains($0.name.lowercased()) }
        parameters += [
            (name: "X-Amz-Algorithm", value: Self.algorithm),
            (name: "X-Amz-Credential", value: "\(credentials.accessKeyId)/\(scope(time))"),
            (name: "X-Amz-Date", value: time.amzDate),
            (name: "X-Amz-Expires", value: String(min(max(expires, 1), Self.maximumExpiry))),
            (name: "X-Amz-SignedHeaders", value: "host"),
        ]
        if let token = credentials.sessionToken {
            parameters.append((name: "X-Amz-Security-Token", value: token))
        }
        let computation = compute(
            request, query: SigV4Request.canonicalQuery(parameters), headers: [(name: "host", value: request.host)],
            payloadHash: SigV4Payload.unsignedPayload, time: time)
        var signed = request
        signed.query = parameters + [(name: "X-Amz-Signature", value: computation.signature)]
        return (signed.url, computation)
    }

    /// Canonical request, string to sign and signature over already-selected headers.
    private func compute(
        _ request: SigV4Request, query: String, headers: [(name: String, value: String)], payloadHash: String,
        time: Timestamp
    ) -> Computation {
        let (canonicalHeaders, signedHeaders) = SigV4Request.canonicalHeaders(headers)
        let canonicalRequest = [
            request.method, request.encodedPath, query, canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let stringToSign = stringToSign(canonicalRequest: canonicalRequest, time: time)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(stringToSign.utf8), using: signingKey(dateStamp: time.dateStamp))
        return Computation(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders,
            signature: SigV4Payload.hex(mac))
    }

    /// `date/region/service/aws4_request`.
    func scope(_ time: Timestamp) -> String {
        "\(time.dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// The algorithm, the time, the scope and the hex SHA-256 of the canonical request, one per line.
    func stringToSign(canonicalRequest: String, time: Timestamp) -> String {
        [Self.algorithm, time.amzDate, scope(time), SigV4Payload.hexDigest(of: Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
    func signingKey(dateStamp: String) -> SymmetricKey {
        let secret = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        return [dateStamp, region, service, "aws4_request"].reduce(secret) { key, message in
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key))
        }
    }

    /// A key's bytes in hex, for tests.
    static func hex(of key: SymmetricKey) -> String {
        key.withUnsafeBytes { SigV4Payload.hex($0) }
    }
}

extension SigV4Signer {
    /// A signing time in SigV4's two forms, UTC: `20130524T000000Z` and `20130524`.
    struct Timestamp: Sendable, Equatable {
        /// `yyyyMMdd'T'HHmmss'Z'`.
        let amzDate: String
        /// `yyyyMMdd`.
        var dateStamp: String { String(amzDate.prefix(8)) }

        /// The time of `date`, fractions of a second dropped, clamped to years 1 through 9999.
        init(_ date: Date) {
            let raw = date.timeIntervalSince1970
            let seconds = Int64(raw.isNaN ? 0 : min(max(raw.rounded(.down), -62_135_596_800), 253_402_300_799))
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let secondOfDay = seconds - days * 86_400
            // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shiftedMonth = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
            let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
            let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
            func digits(_ value: Int64, _ width: Int) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            amzDate =
                digits(year, 4) + digits(month, 2) + digits(day, 2) + "T" + digits(secondOfDay / 3_600, 2)
                + digits(secondOfDay / 60 % 60, 2) + digits(secondOfDay % 60, 2) + "Z"
        }
    }
}
