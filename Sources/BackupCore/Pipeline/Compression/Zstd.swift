import CZstd
import Foundation

/// Facts about the linked libzstd, and the defaults pgbm compresses with.
///
/// ```swift
/// print(Zstd.libraryVersion, Zstd.levels, Zstd.supportsMultithreading)  // 1.5.4 -131072...22 true
/// ```
public enum Zstd {
    /// The level used when none is configured: zstd's own default, fast with a good ratio.
    public static let defaultLevel = 3

    /// The file-name extension of a zstd frame, without the dot.
    public static let fileExtension = "zst"

    /// The linked libzstd's version, e.g. `1.5.4`.
    public static var libraryVersion: String { String(cString: ZSTD_versionString()) }

    /// Every level libzstd accepts, `ZSTD_minCLevel()` ... `ZSTD_maxCLevel()` (-131072 ... 22 in 1.5).
    ///
    /// Negative levels trade ratio for speed, 1 ... 19 are the usual range, 20 ... 22 need much more
    /// memory; 0 means zstd's default (3).
    public static var levels: ClosedRange<Int> { Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel()) }

    /// The largest worker count accepted: libzstd's limit, 256 on 64-bit systems.
    ///
    /// A libzstd built without multi-threading reports no workers at all; pgbm then still accepts
    /// settings up to 256 and compresses on the calling thread (``ZstdCompressor/workers`` is 0).
    public static var maxWorkers: Int {
        supportsMultithreading ? Int(ZSTD_cParam_getBounds(ZSTD_c_nbWorkers).upperBound) : 256
    }

    /// Whether libzstd was built with multi-threading (`ZSTD_MULTITHREAD`; Debian's and Homebrew's are).
    public static var supportsMultithreading: Bool {
        let bounds = ZSTD_cParam_getBounds(ZSTD_c_nbWorkers)
        return ZSTD_isError(bounds.error) == 0 && bounds.upperBound > 0
    }

    /// The worker count used when none is configured: the active processor count, at most ``maxWorkers``.
    public static var defaultWorkers: Int {
        min(ProcessInfo.processInfo.activeProcessorCount, maxWorkers)
    }

    /// The 4-byte magic number every zstd frame starts with (`28 B5 2F FD`).
    public static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// Whether `result` of a libzstd call is an error code.
    static func isError(_ result: Int) -> Bool { ZSTD_isError(result) != 0 }

    /// libzstd's name for the error in `result` (`Restored data doesn't match checksum`).
    static func errorName(_ result: Int) -> String { String(cString: ZSTD_getErrorName(result)) }

    /// libzstd's error code for `result`.
    static func errorCode(_ result: Int) -> ZSTD_ErrorCode { ZSTD_getErrorCode(result) }
}
