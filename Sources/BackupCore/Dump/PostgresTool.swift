/// One installed PostgreSQL client program and its version, as found by ``ToolLocator``.
public struct PostgresTool: Sendable, Hashable {
    /// Which program it is.
    public let kind: PostgresToolKind
    /// Its absolute path, as found (not resolved through symbolic links).
    public let path: String
    /// Its version, from `<path> --version`.
    public let version: PostgresVersion
    /// Where it was found.
    public let origin: Origin

    /// Where a tool was found; also its rank when two installed tools have the same major version.
    public enum Origin: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// A path configured for this tool (the `pg_dump_path` setting).
        case configured = 0
        /// Debian's `/usr/lib/postgresql/<major>/bin`.
        case debian = 1
        /// A folder on `PATH`.
        case searchPath = 2

        public static func < (lhs: Origin, rhs: Origin) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .configured: "configured path"
            case .debian: "Debian PostgreSQL folder"
            case .searchPath: "PATH"
            }
        }
    }

    /// A tool found at `path`.
    public init(kind: PostgresToolKind, path: String, version: PostgresVersion, origin: Origin) {
        self.kind = kind
        self.path = path
        self.version = version
        self.origin = origin
    }
}

extension PostgresTool: CustomStringConvertible {
    /// `pg_dump 15.18 at /usr/lib/postgresql/15/bin/pg_dump`.
    public var description: String { "\(kind.rawValue) \(version) at \(path)" }
}
