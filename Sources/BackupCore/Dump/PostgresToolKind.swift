/// The PostgreSQL client programs pgbm runs.
public enum PostgresToolKind: String, Sendable, Hashable, CaseIterable {
    /// `pg_dump`: dumps one database.
    case pgDump = "pg_dump"
    /// `pg_restore`: lists and restores archives made by `pg_dump`.
    case pgRestore = "pg_restore"
    /// `pg_dumpall`: dumps roles and other globals (`--globals-only`).
    case pgDumpall = "pg_dumpall"
    /// `psql`: runs SQL scripts (plain-format dumps).
    case psql = "psql"

    /// The executable's file name (`pg_dump`).
    public var executableName: String { rawValue }

    /// The name of pgbm's setting that points at this tool (`pg_dump_path`).
    public var settingName: String { "\(rawValue)_path" }
}
