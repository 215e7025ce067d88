import BackupAPIModels
import BackupRepository
import Foundation

extension DatabaseResponse {
    /// `key: value` lines for `db show`.
    var lines: [String] {
        var fields = [
            ("id", "\(id)"), ("name", name), ("slug", slug), ("host", host), ("port", "\(port)"),
            ("database", database), ("user", user), ("password", passwordSet ? "set" : "not set"),
            ("ssl mode", sslMode), ("ssl root cert", sslRootCertificate ?? "-"),
            ("options", options.isEmpty ? "-" : options),
            ("retention", retentionOverride?.jsonText ?? "global policy"), ("retention zone", retentionTimeZone),
            ("created", CLIOutput.date(createdAt)),
        ]
        if let deletedAt { fields.append(("deleted", CLIOutput.date(deletedAt))) }
        return fields.map { "\($0.0 + ":")".padding(toLength: 16, withPad: " ", startingAt: 0) + $0.1 }
    }

    /// A table of databases for `db list`.
    static func table(_ databases: [DatabaseResponse]) -> String {
        var table = TextTable(["ID", "NAME", "HOST", "DATABASE", "USER", "SSL", "PASSWORD"])
        for database in databases {
            table.append([
                "\(database.id)", database.name + (database.deletedAt == nil ? "" : " (removed)"),
                "\(database.host):\(database.port)", database.database, database.user, database.sslMode,
                database.passwordSet ? "set" : "not set",
            ])
        }
        return table.rendered
    }
}
