extension Compression {
    /// A compression method as the manifest and the backup history record it: `zstd`, `none` or `gzip`.
    ///
    /// ```swift
    /// let method = try JSONDecoder().decode(Compression.Method.self, from: Data(#""gzip""#.utf8))
    /// // .pgDumpGzip
    /// ```
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        /// pgbm compressed the dump with zstd; the file ends in `.zst` (before `.enc`).
        case zstd
        /// The dump is not compressed.
        case none
        /// pg_dump compressed its own output (gzip inside the archive); `pg_restore` reads it as is.
        case pgDumpGzip = "gzip"

        /// What pgbm appends to the dump's file name: `.zst` for zstd, nothing otherwise.
        public var fileSuffix: String { self == .zstd ? "." + Zstd.fileExtension : "" }
    }
}
