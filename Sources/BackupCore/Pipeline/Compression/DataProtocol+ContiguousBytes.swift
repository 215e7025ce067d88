import Foundation

extension DataProtocol {
    /// Calls `body` with the bytes in one buffer, copying them only when they are not contiguous.
    func withContiguousBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(BackupError) -> R
    ) throws(BackupError) -> R {
        var result: Result<R, BackupError>?
        if regions.count == 1, let region = regions.first {
            region.withUnsafeBytes { bytes in result = Result { () throws(BackupError) in try body(bytes) } }
        } else {
            Array(self).withUnsafeBytes { bytes in result = Result { () throws(BackupError) in try body(bytes) } }
        }
        return try result!.get()
    }
}
