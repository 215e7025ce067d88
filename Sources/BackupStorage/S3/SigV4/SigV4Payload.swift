import Crypto
public import Foundation

/// How a request body enters the signature: the `x-amz-content-sha256` value.
///
/// ```swift
/// let payload = SigV4Payload.sha256(of: body)   // signed body
/// let streaming = SigV4Payload.unsigned         // UNSIGNED-PAYLOAD (over TLS, with a checksum header)
/// let none = SigV4Payload.empty                 // GET, HEAD, DELETE
/// ```
public enum SigV4Payload: Sendable, Hashable {
    /// The lowercase hex SHA-256 of the body, computed by the caller (for example while streaming it
    /// to disk). Upper-case hex is lowercased; other text is sent unchanged and will fail on the server.
    case sha256(hex: String)
    /// `UNSIGNED-PAYLOAD`: the body is not part of the signature.
    case unsigned
    /// No body: the SHA-256 of zero bytes.
    case empty

    /// The SHA-256 of zero bytes, in hex.
    public static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The literal that stands for an unsigned body.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// The payload of `body`, hashed now.
    ///
    /// - Parameter body: The exact bytes that will be sent.
    public static func sha256<Body: DataProtocol>(of body: Body) -> SigV4Payload {
        .sha256(hex: hexDigest(of: body))
    }

    /// The lowercase hex SHA-256 of `bytes`.
    ///
    /// - Parameter bytes: The bytes to hash.
    public static func hexDigest<Bytes: DataProtocol>(of bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The value of the `x-amz-content-sha256` header and the last line of the canonical request.
    public var contentSHA256: String {
        switch self {
        case .sha256(let hex): hex.lowercased()
        case .unsigned: Self.unsignedPayload
        case .empty: Self.emptySHA256
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex of a byte sequence (digests, signatures).
    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
