/// What `pg_dump` dumps and how: format, compression, schema and table filters, and time limits.
///
/// The defaults are pgbm's: the custom format (`--format=custom`), uncompressed (`-Z0`, because pgbm
/// compresses the stream itself), no filters, no lock-wait limit, no maximum run time.
///
/// ```swift
/// var options = DumpOptions()
/// options.excludeTables = ["public.audit_log"]
/// options.lockWaitTimeout = .seconds(30)
/// options.maxRunTime = .seconds(4 * 3600)
/// ```
public struct DumpOptions: Sendable, Hashable {
    /// The archive format.
    public var format: Format
    /// Who compresses.
    public var compression: Compression
    /// Only these schemas (`--schema=PATTERN`, psql patterns such as `sales_*`).
    public var includeSchemas: [String]
    /// Not these schemas (`--exclude-schema=PATTERN`).
    public var excludeSchemas: [String]
    /// Only these tables (`--table=PATTERN`, e.g. `public.orders`).
    public var includeTables: [String]
    /// Not these tables (`--exclude-table=PATTERN`).
    public var excludeTables: [String]
    /// How long `pg_dump` waits for each table's share lock before failing (`--lock-wait-timeout`);
    /// `nil` waits as long as it takes.
    public var lockWaitTimeout: Duration?
    /// The run's limits: maximum run time and the grace between SIGTERM and SIGKILL.
    public var limits: RunLimits

    /// `pg_dump`'s output formats.
    public enum Format: Sendable, Hashable {
        /// `--format=custom`: one archive for `pg_restore`, streamed (the default).
        case custom
        /// `--format=plain`: an SQL script for `psql`, streamed.
        case plain
        /// `--format=tar`: a tar archive for `pg_restore`, streamed.
        case tar
        /// `--format=directory --file=<path>`: one file per table in a new folder; nothing is streamed.
        case directory(path: String)

        /// The value of `--format`.
        var argument: String {
            switch self {
            case .custom: "custom"
            case .plain: "plain"
            case .tar: "tar"
            case .directory: "directory"
            }
        }
    }

    /// Who compresses the dump.
    public enum Compression: Sendable, Hashable {
        /// `pg_dump` writes uncompressed (`-Z0`): for pgbm's own zstd, or no compression at all.
        case none
        /// `pg_dump`'s own single-threaded gzip at `level` 1 … 9 (`-Z<level>`; custom and directory formats).
        case gzip(level: Int)

        /// `pg_dump`'s usual gzip, `-Z6`.
        public static let gzip = Compression.gzip(level: 6)
    }

    /// Options with pgbm's defaults.
    public init(
        format: Format = .custom,
        compression: Compression = .none,
        includeSchemas: [String] = [],
        excludeSchemas: [String] = [],
        includeTables: [String] = [],
        excludeTables: [String] = [],
        lockWaitTimeout: Duration? = nil,
        limits: RunLimits = RunLimits()
    ) {
        self.format = format
        self.compression = compression
        self.includeSchemas = includeSchemas
        self.excludeSchemas = excludeSchemas
        self.includeTables = includeTables
        self.excludeTables = excludeTables
        self.lockWaitTimeout = lockWaitTimeout
        self.limits = limits
    }

    /// `pg_dump`'s arguments (never connection details or secrets, which go through the environment).
    /// - Throws: a description of the first invalid option.
    func arguments() throws(InvalidOption) -> [String] {
        var arguments = ["--format=\(format.argument)", "--no-password"]
        switch compression {
        case .none:
            arguments.append("-Z0")
        case .gzip(let level):
            guard (1...9).contains(level) else { throw InvalidOption("gzip level \(level) is not within 1 … 9") }
            if format == .tar { throw InvalidOption("pg_dump cannot gzip the tar format; use compression none") }
            arguments.append("-Z\(level)")
        }
        if case .directory(let path) = format {
            guard !path.isEmpty else { throw InvalidOption("the directory format needs a folder path") }
            arguments.append("--file=\(path)")
        }
        if let lockWaitTimeout { arguments.append("--lock-wait-timeout=\(try lockWaitTimeout.wholeMilliseconds())") }
        for (flag, patterns) in [
            ("--schema", includeSchemas), ("--exclude-schema", excludeSchemas),
            ("--table", includeTables), ("--exclude-table", excludeTables),
        ] {
            for pattern in patterns {
                guard !pattern.isEmpty else { throw InvalidOption("an empty \(flag) pattern") }
                arguments.append("\(flag)=\(pattern)")
            }
        }
        return arguments
    }
}

/// A dump option that `pg_dump` would refuse or misread.
struct InvalidOption: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension Duration {
    /// The duration in whole milliseconds, rounded up, at least 1.
    func wholeMilliseconds() throws(InvalidOption) -> Int64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, self > .zero else { throw InvalidOption("a timeout must be positive, not \(self)") }
        return max(1, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
