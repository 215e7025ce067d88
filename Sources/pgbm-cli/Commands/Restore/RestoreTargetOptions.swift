import ArgumentParser
import BackupCore
import BackupDump
import BackupRepository
import Foundation

/// `--to` and what goes with it: a configured database (id, name or slug) or a connection URL without a
/// password, whose password comes from `--password-file`, `--prompt-password` or `PGBM_DB_PASSWORD`.
struct RestoreTargetOptions: ParsableArguments {
    @Option(help: "Target: a configured database (id, name or slug) or postgresql://user@host:port/database?sslmode=… (no password in it).")
    var to: String

    @Option(help: "Restore into this database instead of the target's own.")
    var database: String?

    @Flag(help: "Create the database first (it must not exist yet).")
    var create = false

    @OptionGroup var password: PasswordOptions

    /// The target the options describe.
    func target(store: SQLiteStore) throws -> RestoreTarget {
        if to.hasPrefix("postgres://") || to.hasPrefix("postgresql://") {
            var settings = try Self.settings(url: to)
            settings.password = try password.read()?.revealed
            return RestoreTarget(server: .connection(settings), database: database, create: create)
        }
        let configured = try DatabaseResolver.resolve(to, in: store, field: "--to")
        return RestoreTarget(server: .configured(databaseId: configured.id ?? 0), database: database, create: create)
    }

    /// Parses `postgresql://user@host:port/database?sslmode=require&sslrootcert=/ca.pem`.
    static func settings(url text: String) throws -> ConnectionSettings {
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw CLIFailure("--to: \"\(text)\" is not a connection URL (postgresql://user@host:port/database)", code: 64)
        }
        guard url.password == nil else {
            throw CLIFailure(
                "--to: the connection URL contains a password; give it with --password-file, --prompt-password or PGBM_DB_PASSWORD instead",
                code: 64)
        }
        let database = String(url.path.drop { $0 == "/" })
        guard let user = url.user, !user.isEmpty, !database.isEmpty else {
            throw CLIFailure("--to: the connection URL must name a user and a database (postgresql://user@host:port/database)", code: 64)
        }
        var settings = ConnectionSettings(host: host, port: url.port ?? 5432, database: database.removingPercentEncoding ?? database, user: user)
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(ConnectionSettings.SSLMode.init(rawValue:)) else {
                    throw CLIFailure("--to: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full", code: 64)
                }
                settings.sslMode = mode
            case "sslrootcert": settings.sslRootCertificate = item.value
            default: throw CLIFailure("--to: unknown connection parameter \"\(item.name)\" (known: sslmode, sslrootcert)", code: 64)
            }
        }
        return settings
    }
}
