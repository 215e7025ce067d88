import Foundation

/// How `pg_restore` (or `psql`, for plain SQL) applies an archive to the target database.
///
/// ```swift
/// var options = RestoreOptions()
/// options.clean = true          // drop the archive's objects first (with IF EXISTS)
/// options.noOwner = true        // objects belong to the connecting role
/// options.jobs = 4              // needs the archive as a file
/// ```
public struct RestoreOptions: Sendable, Hashable, Codable {
    /// Drop each object before creating it (`--clean`).
    public var clean: Bool
    /// With ``clean``: `DROP … IF EXISTS`, so objects missing in the target are not errors (`--if-exists`).
    public var ifExists: Bool
    /// Do not set object owners; everything belongs to the connecting role (`--no-owner`).
    public var noOwner: Bool
    /// Do not restore grants (`--no-privileges`).
    public var noPrivileges: Bool
    /// Parallel jobs (`--jobs`); above 1 only for an archive given as a file (custom or directory format).
    public var jobs: Int

    /// The defaults: no clean, owners and grants kept, one job.
    public init(clean: Bool = false, ifExists: Bool = true, noOwner: Bool = false, noPrivileges: Bool = false, jobs: Int = 1) {
        self.clean = clean
        self.ifExists = ifExists
        self.noOwner = noOwner
        self.noPrivileges = noPrivileges
        self.jobs = jobs
    }

    /// `pg_restore`'s arguments for `database`; the archive is `file`, or standard input when `nil`.
    /// Always `--exit-on-error`: the first failing statement fails the restore instead of being counted.
    func pgRestoreArguments(database: String, file: String?) -> [String] {
        var arguments = ["--dbname=\(Self.conninfo(database: database))", "--exit-on-error"]
        if clean { arguments.append("--clean") }
        if clean && ifExists { arguments.append("--if-exists") }
        if noOwner { arguments.append("--no-owner") }
        if noPrivileges { arguments.append("--no-privileges") }
        if let file {
            if jobs > 1 { arguments.append("--jobs=\(jobs)") }
            arguments.append(file)
        }
        return arguments
    }

    /// `dbname='…'`: a connection string naming only the database, so a name holding `=` or spaces is
    /// never read as connection options (host, port and user come from the environment).
    static func conninfo(database: String) -> String {
        "dbname='" + database.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
