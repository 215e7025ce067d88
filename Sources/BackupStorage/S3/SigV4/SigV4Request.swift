public import Foundation

/// An HTTP request to S3 as the signer sees it: raw (unencoded) path and query, and the headers that
/// will be sent.
///
/// The request encodes the path and query itself, once, with S3's rule (``uriEncode(_:keepSlash:)``),
/// and ``url`` puts exactly those bytes on the wire, so what is signed is what the server receives.
///
/// ```swift
/// let request = SigV4Request(
///     method: "PUT", scheme: "https", host: "s3.eu-central-1.amazonaws.com",
///     path: "/my-bucket/backups/db 1.pgbm",
///     query: [(name: "partNumber", value: "3"), (name: "uploadId", value: uploadId)],
///     headers: [(name: "host", value: "s3.eu-central-1.amazonaws.com")])
/// request.encodedPath   // "/my-bucket/backups/db%201.pgbm"
/// ```
public struct SigV4Request: Sendable {
    /// The HTTP method, sent and signed as given (S3 methods are upper case: `GET`, `PUT`, …).
    public var method: String
    /// `https` or `http`.
    public var scheme: String
    /// The host as sent in the `Host` header, with `:port` when the port is not the scheme's default.
    public var host: String
    /// The raw object path, not percent-encoded: `/bucket/my key+(1).txt` (path style) or `/my key`
    /// (virtual-hosted style). A missing leading `/` is added; an empty path is `/`.
    public var path: String
    /// The raw query parameters, not percent-encoded, in the order they are sent. Repeated names are kept.
    public var query: [(name: String, value: String)]
    /// The headers that will be sent, as given. A `host` header is optional: the signer adds
    /// ``host`` when it is missing.
    public var headers: [(name: String, value: String)]

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, such as `GET`.
    ///   - scheme: `https` (the default) or `http`.
    ///   - host: The host, with `:port` when not the default.
    ///   - path: The raw, unencoded path.
    ///   - query: The raw, unencoded query parameters.
    ///   - headers: The headers that will be sent.
    public init(
        method: String, scheme: String = "https", host: String, path: String,
        query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The path as sent and signed: each segment URI-encoded once, `/` kept, always starting with `/`.
    ///
    /// S3 signs the path exactly as sent and does not encode it a second time (other services do).
    public var encodedPath: String {
        let encoded = Self.uriEncode(path, keepSlash: true)
        return encoded.hasPrefix("/") ? encoded : "/" + encoded
    }

    /// The query as signed: names and values encoded (`/` too), sorted by encoded name, then by
    /// encoded value; `name=` for an empty value; empty without parameters.
    public var canonicalQueryString: String {
        Self.canonicalQuery(query)
    }

    /// The URL to send, with ``encodedPath`` and the query encoded the same way, in the given order
    /// (a parameter with an empty value is sent as a bare name, like `?uploads`).
    ///
    /// The string is built by hand so that Foundation does not encode it again. If ``scheme`` or
    /// ``host`` cannot form a URL (spaces or other characters a host cannot hold), the host is
    /// percent-encoded and a scheme that is not letters and digits becomes `https`; such a URL reaches
    /// no real server, and the request fails there instead of crashing here.
    public var url: URL {
        let rest = encodedPath + (query.isEmpty ? "" : "?" + wireQuery)
        if let url = URL(string: "\(scheme)://\(host)\(rest)") {
            return url
        }
        let safeScheme =
            scheme.isEmpty || !scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            ? "https" : scheme
        let safeHost = Self.uriEncode(host, keepSlash: false)
        return URL(string: "\(safeScheme)://\(safeHost.isEmpty ? "invalid" : safeHost)\(rest)")
            ?? URL(fileURLWithPath: "/")
    }

    /// The query string as sent: `name=value` pairs in the given order, encoded like the canonical form.
    var wireQuery: String {
        query.map { parameter in
            let name = Self.uriEncode(parameter.name, keepSlash: false)
            return parameter.value.isEmpty ? name : name + "=" + Self.uriEncode(parameter.value, keepSlash: false)
        }.joined(separator: "&")
    }

    /// The canonical query string of `parameters`: encoded, sorted by name and then value, `&`-joined.
    static func canonicalQuery(_ parameters: [(name: String, value: String)]) -> String {
        parameters
            .map { (name: uriEncode($0.name, keepSlash: false), value: uriEncode($0.value, keepSlash: false)) }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                    : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            }
            .map { $0.name + "=" + $0.value }
            .joined(separator: "&")
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// SigV4's URI encoding: the UTF-8 bytes of `string`, with `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`,
    /// `.`, `~` kept, `/` kept only when `keepSlash`, and every other byte as `%XX` (upper-case hex).
    ///
    /// - Parameters:
    ///   - string: The raw text.
    ///   - keepSlash: `true` for paths, `false` for query names and values.
    static func uriEncode(_ string: String, keepSlash: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepSlash:
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(upperHexDigits[Int(byte >> 4)])
                out.append(upperHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SigV4Request {
    /// The canonical header block (one `name:value\n` line per name) and the `;`-joined signed names.
    ///
    /// Names are trimmed and lower-cased; values are trimmed with inner runs of white space collapsed to
    /// one space; values of a repeated name are joined with `,` in the order given; names sort by bytes.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (canonical: String, signed: String) {
        var values: [String: [String]] = [:]
        for header in headers {
            values[canonicalName(header.name), default: []].append(trimAll(header.value))
        }
        let names = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let canonical = names.map { name in
            name + ":" + values[name, default: []].joined(separator: ",") + "\n"
        }.joined()
        return (canonical, names.joined(separator: ";"))
    }

    /// A header name trimmed and lower-cased (ASCII letters; header names are ASCII tokens).
    static func canonicalName(_ name: String) -> String {
        let bytes = trimAll(name).utf8.map { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// SigV4's Trimall: leading and trailing white space removed, inner runs made one space.
    /// White space is ASCII space, tab, CR, LF, vertical tab and form feed.
    static func trimAll(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
