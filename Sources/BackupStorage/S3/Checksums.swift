import Crypto
import Foundation
import NIOCore

/// SHA-256 and MD5 of a small in-memory body (the XML of bucket and multipart requests).
struct Checksums: Sendable {
    let sha256: SHA256.Digest
    let md5: Insecure.MD5.Digest

    init(_ bytes: some DataProtocol) {
        sha256 = SHA256.hash(data: bytes)
        md5 = Insecure.MD5.hash(data: bytes)
    }

    var sha256Hex: String { sha256.hexString }
    var sha256Base64: String { Data(sha256).base64EncodedString() }
    var md5Base64: String { Data(md5).base64EncodedString() }
    var md5Hex: String { md5.hexString }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex (digests in manifests, checksums).
    package var hexString: String { SigV4Payload.hex(self) }
}
