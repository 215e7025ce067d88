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

    /// Refuses a password in the URL before anything else is looked at.
    func validate() throws {
        if Self.hasPassword(to) {
            throw ValidationError(Self.passwordInURL)
        }
    }

    static let passwordInURL =
        "--to: the connection URL contains a password; give it with --password-file, --prompt-password or PGBM_DB_PASSWORD instead"

    /// Whether `text` is a URL with `user:password@`.
    static func hasPassword(_ text: String) -> Bool {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else { return false }
        return text[scheme.upperBound..<at].contains(":")
    }

    /// The target the options describe.
    func target(store: any ConfigurationStore) async throws -> RestoreTarget {
        if to.hasPrefix("postgres://") || to.hasPrefix("postgresql://") {
            var settings = try Self.settings(url: to)
            settings.password = try password.read()?.revealed
            return RestoreTarget(server: .connection(settings), database: database, create: create)
        }
        let configured = try await DatabaseResolver.resolve(to, in: store, field: "--to")
        return RestoreTarget(server: .configured(databaseId: configured.id ?? 0), database: database, create: create)
    }

    /// Parses `postgresql://user@host:port/database?sslmode=require&sslrootcert=/ca.pem` (`[::1]` for an
    /// IPv6 address). Messages never repeat the URL's user part, which might hold a password.
    static func settings(url text: String) throws -> ConnectionSettings {
        if hasPassword(text) { throw CLIFailure(passwordInURL, code: 64) }
        let shape = "(postgresql://user@host:port/database)"
        guard let url = URLComponents(string: text), var host = url.host, !host.isEmpty else {
            throw CLIFailure("--to: not a connection URL with a host \(shape)", code: 64)
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        host = host.removingPercentEncoding ?? host
        let database = String(url.path.drop { $0 == "/" })
        guard let user = url.user, !user.isEmpty, !database.isEmpty else {
            throw CLIFailure("--to: the connection URL must name a user and a database \(shape)", code: 64)
        }
        var settings = ConnectionSettings(host: host, port: url.port ?? 5432, database: database, user: user)
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
