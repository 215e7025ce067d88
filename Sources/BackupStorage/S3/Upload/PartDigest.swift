import Crypto
import Foundation

/// The checksums of one uploaded body (a part, or a whole file sent with one PutObject), computed by
/// reading it once before it is sent.
struct PartDigest: Sendable {
    var crc32c: CRC32C?
    var sha256: SHA256.Digest?
    var md5: Insecure.MD5.Digest?

    /// Which checksums a body needs.
    struct Needs: Sendable, Equatable {
        var crc32c = false
        var sha256 = false
        var md5 = false
    }

    /// The header that lets the server check this body, for the configured checksum.
    func header(_ checksum: S3Configuration.Checksum) -> (name: String, value: String) {
        switch checksum {
        case .crc32c: ("x-amz-checksum-crc32c", crc32c?.base64 ?? "")
        case .sha256: ("x-amz-checksum-sha256", sha256.map { Data($0).base64EncodedString() } ?? "")
        case .md5: ("content-md5", md5.map { Data($0).base64EncodedString() } ?? "")
        }
    }

    /// `<ChecksumCRC32C>` / `<ChecksumSHA256>` for CompleteMultipartUpload; empty in `md5` mode.
    func completeElement(_ checksum: S3Configuration.Checksum) -> String {
        switch checksum {
        case .crc32c: "<ChecksumCRC32C>\(header(checksum).value)</ChecksumCRC32C>"
        case .sha256: "<ChecksumSHA256>\(header(checksum).value)</ChecksumSHA256>"
        case .md5: ""
        }
    }

    /// How the body enters the signature: its SHA-256 when computed, else `UNSIGNED-PAYLOAD`.
    var payload: SigV4Payload { sha256.map { .sha256(hex: $0.hexString) } ?? .unsigned }

    /// The object checksum S3 reports for these parts (`x-amz-checksum-…` with `x-amz-checksum-mode:
    /// ENABLED`): one part's own checksum, or for a multipart upload the checksum of the parts'
    /// checksums concatenated, in base64, followed by `-<part count>` (S3's composite checksum).
    static func objectChecksum(_ parts: [PartDigest], _ checksum: S3Configuration.Checksum, multipart: Bool) -> String? {
        guard multipart else { return parts.first.map { $0.header(checksum).value } }
        switch checksum {
        case .crc32c:
            var crc = CRC32C()
            for part in parts { crc.update(part.crc32c?.bytes ?? []) }
            return crc.base64 + "-\(parts.count)"
        case .sha256:
            var hasher = SHA256()
            for part in parts { part.sha256.map { hasher.update(data: Data($0)) } }
            return Data(hasher.finalize()).base64EncodedString() + "-\(parts.count)"
        case .md5:
            return nil
        }
    }

    /// The multipart ETag (MD5 of the parts' MD5s, `-N`) or a single part's MD5, where MD5s were computed.
    static func etag(_ parts: [PartDigest], multipart: Bool) -> String? {
        guard parts.allSatisfy({ $0.md5 != nil }), !parts.isEmpty else { return nil }
        guard multipart else { return parts[0].md5?.hexString }
        return Insecure.MD5.hash(data: parts.flatMap { Array($0.md5!) }).hexString + "-\(parts.count)"
    }
}

/// Feeds blocks into the checksums a body needs.
struct PartHasher: Sendable {
    private var crc32c: CRC32C?
    private var sha256: SHA256?
    private var md5: Insecure.MD5?

    init(_ needs: PartDigest.Needs) {
        crc32c = needs.crc32c ? CRC32C() : nil
        sha256 = needs.sha256 ? SHA256() : nil
        md5 = needs.md5 ? Insecure.MD5() : nil
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        crc32c?.update(bytes)
        sha256?.update(bufferPointer: bytes)
        md5?.update(bufferPointer: bytes)
    }

    func finalize() -> PartDigest {
        PartDigest(crc32c: crc32c, sha256: sha256?.finalize(), md5: md5?.finalize())
    }
}
