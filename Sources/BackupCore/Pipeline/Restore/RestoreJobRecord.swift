import BackupDump
import Foundation

/// The JSON a `RestoreJob` keeps of its source and target: enough to show and audit, never a secret.
enum RestoreJobRecord {
    /// `{"kind":"s3","key":"pgbm/app/app_….dump.zst.enc"}`.
    static func source(_ source: RestoreSource) -> String {
        switch source {
        case .local(let path): json(["kind": "local", "path": path])
        case .s3(let key): json(["kind": "s3", "key": key])
        case .upload(_, let fileName): json(["kind": "upload", "file_name": fileName])
        }
    }

    /// `{"database_id":3,"database":"app_copy","create":true}` or the connection without its password.
    static func target(_ target: RestoreTarget) -> String {
        var fields: [String: Any] = ["create": target.create]
        switch target.server {
        case .configured(let id):
            fields["database_id"] = id
            if let database = target.database { fields["database"] = database }
        case .connection(let settings):
            fields["host"] = settings.host
            fields["port"] = settings.port
            fields["user"] = settings.user
            fields["database"] = target.database ?? settings.database
            fields["ssl_mode"] = settings.sslMode.rawValue
        }
        return json(fields)
    }

    /// The target JSON for people: `postgres@db2:5432/app_copy`, or `configured database 3 (app_copy)`.
    static func describeTarget(_ json: String) -> String {
        guard let fields = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return json }
        let database = fields["database"] as? String
        if let id = fields["database_id"] as? Int {
            return "configured database \(id)" + (database.map { " (\($0))" } ?? "")
        }
        let host = fields["host"] as? String ?? "?", port = fields["port"] as? Int ?? 5432
        return "\(fields["user"] as? String ?? "?")@\(host):\(port)/\(database ?? "?")"
    }

    static func json(_ object: [String: Any]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
