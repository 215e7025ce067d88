import Crypto
import Foundation

/// Seals and opens the chunks of one container: AES-256-GCM with nonce = prefix || index || last flag
/// and the encoded header as additional authenticated data.
struct ChunkCipher: Sendable {
    static let tagCount = 16
    let key: SymmetricKey
    let header: ContainerHeader
    let headerBytes: [UInt8]

    init(key: ContainerKey, header: ContainerHeader) {
        self.key = key.symmetricKey
        self.header = header
        self.headerBytes = header.encoded
    }

    func nonce(index: UInt32, last: Bool) -> AES.GCM.Nonce {
        var bytes = header.noncePrefix
        bytes.appendBigEndian(index)
        bytes.append(last ? 1 : 0)
        // 12 bytes is always a valid GCM nonce.
        return try! AES.GCM.Nonce(data: bytes)
    }

    /// Returns ciphertext followed by the 16-byte tag.
    func seal(_ plaintext: some DataProtocol, index: UInt32, last: Bool) -> Data {
        // Sealing with a valid key and nonce cannot fail.
        let box = try! AES.GCM.seal(plaintext, using: key, nonce: nonce(index: index, last: last), authenticating: headerBytes)
        // `combined` is nonce || ciphertext || tag in one buffer: drop the nonce instead of copying.
        return box.combined!.dropFirst(12)
    }

    /// Opens a stored record (ciphertext + tag); `nil` when authentication fails.
    func open(_ record: some DataProtocol, index: UInt32, last: Bool) -> Data? {
        guard record.count >= Self.tagCount else { return nil }
        let split = record.index(record.endIndex, offsetBy: -Self.tagCount)
        guard
            let box = try? AES.GCM.SealedBox(
                nonce: nonce(index: index, last: last), ciphertext: record[..<split], tag: record[split...])
        else { return nil }
        return try? AES.GCM.open(box, using: key, authenticating: headerBytes)
    }
}
