import CCRC32C
import Foundation

/// CRC-32C (Castagnoli), the checksum S3 calls `CRC32C`, computed with the CPU's crc32 instruction.
///
/// ```swift
/// var crc = CRC32C()
/// crc.update(bytes)
/// request.headers.add(name: "x-amz-checksum-crc32c", value: crc.base64)
/// ```
struct CRC32C: Sendable, Equatable {
    /// The checksum of the bytes so far (0 for none).
    private(set) var value: UInt32 = 0

    init() {}

    init(value: UInt32) { self.value = value }

    /// The checksum of `bytes`.
    init(_ bytes: some ContiguousBytes) {
        update(bytes)
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        value = pgbm_crc32c_update(value, base, bytes.count)
    }

    mutating func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The four bytes S3 expects, most significant first.
    var bytes: [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    /// Base64 of ``bytes``: the value of `x-amz-checksum-crc32c`.
    var base64: String { Data(bytes).base64EncodedString() }

    /// The checksum of `bytes` computed with the tables, never the instruction (for tests).
    static func portable(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return pgbm_crc32c_update_portable(0, base, bytes.count)
    }

    /// Whether the hardware instruction is used on this machine.
    static var usesHardware: Bool { pgbm_crc32c_hardware() != 0 }
}
