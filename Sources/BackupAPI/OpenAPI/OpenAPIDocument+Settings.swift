extension OpenAPIDocument {
    static var settingsRoutes: [OpenAPIRoute] {
        let path = "/api/config/settings"
        let settings = OpenAPIRoute.json("Every section", OpenAPIRoute.ref("Settings"))
        let test = OpenAPIRoute.json("The test ran (`ok` tells how)", OpenAPIRoute.ref("SettingsTest"))
        return [
            OpenAPIRoute(
                "get", path, id: "showSettings", tag: "settings", summary: "Every settings section; secrets as `<name>_set`.",
                responses: [("200", settings)]),
            OpenAPIRoute(
                "put", path, id: "updateSettings", tag: "settings",
                summary: "Changes the sections given (`{\"s3\": {…}}` changes only S3); a secret `null` or `\"\"` removes it.",
                access: .admin, body: OpenAPIRoute.ref("SettingsUpdate"),
                example: ["general": ["public_base_url": "https://pgbm.example.com"], "retention": ["keep_last": 7, "daily": 14]],
                responses: [("200", settings)]),
            OpenAPIRoute(
                "post", path + "/s3/test", id: "testS3", tag: "settings",
                summary: "Tests the stored S3 settings, or the body's fields over them, against the bucket.", access: .admin,
                body: s3Input,
                example: [
                    "bucket": "backups", "region": "us-east-1", "endpoint": "http://127.0.0.1:9000", "prefix": "pgbm",
                    "path_style": true, "access_key_id": "AKIAIOSFODNN7EXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                ], responses: [("200", test)]),
            OpenAPIRoute(
                "post", path + "/encryption/generate-key", id: "generateKey", tag: "settings",
                summary: "A new passphrase, stored and made active (encryption turned on); shown only in this answer.",
                access: .admin, responses: [("201", OpenAPIRoute.json("Created", OpenAPIRoute.ref("GeneratedKey")))]),
            OpenAPIRoute(
                "post", path + "/email/test", id: "testAlert", tag: "settings", summary: "Sends a test alert on a channel now.",
                access: .admin,
                body: object([("channel", oneOf(["email", "webhook", "heartbeat"]).merging(["default": "email"]))]),
                example: ["channel": "email"], responses: [("200", test)]),
        ]
    }

    private static let strings: OpenAPIValue = ["type": "array", "items": ["type": "string"]]
    private static let events: OpenAPIValue = [
        "type": "array",
        "items": ["type": "string", "enum": ["backup_failed", "backup_missed", "backup_succeeded", "restore_failed", "restore_succeeded"]],
    ]

    private static func range(_ low: Int, _ high: Int? = nil) -> OpenAPIValue {
        guard let high else { return ["type": "integer", "minimum": .int(low)] }
        return ["type": "integer", "minimum": .int(low), "maximum": .int(high)]
    }

    /// Each section's fields as `GET` shows them and `PUT` takes them (write-only and read-only ones apart).
    private static let general: [(String, OpenAPIValue)] = [
        ("backup_directory", string), ("public_base_url", string), ("concurrency", range(1, 64)),
        ("missed_run_grace_seconds", range(0)), ("lock_wait_timeout_seconds", range(1)), ("max_run_seconds", range(60)),
    ]
    private static let backup: [(String, OpenAPIValue)] = [
        ("format", oneOf(["custom", "plain", "directory"])), ("compression", oneOf(["zstd", "gzip", "none"])),
        ("compression_level", range(1, 19)), ("compression_workers", range(0, 64)), ("verify", boolean),
        ("pg_dump_path", string), ("pg_restore_path", string), ("scratch_directory", string),
    ]
    private static let s3: [(String, OpenAPIValue)] = [
        ("enabled", boolean), ("bucket", string), ("region", string), ("endpoint", string), ("prefix", string),
        ("path_style", boolean), ("access_key_id", string), ("part_size_mib", range(5, 1024)), ("max_parts", range(1, 10_000)),
        ("parallel_parts", range(1, 64)),
    ]
    private static let encryption: [(String, OpenAPIValue)] = [
        ("enabled", boolean), ("active_passphrase_id", string), ("iterations", range(100_000, 10_000_000)),
    ]
    private static let notifications: [(String, OpenAPIValue)] = [
        ("email_transport", oneOf(["none", "smtp", "ses"])), ("email_from", string), ("email_to", strings),
        ("smtp_host", string), ("smtp_port", range(1, 65535)), ("smtp_user", string), ("smtp_start_tls", boolean),
        ("smtp_tls", boolean), ("ses_region", string), ("ses_access_key_id", string), ("ses_endpoint", string),
        ("email_events", events), ("webhook_events", events), ("on_failure", boolean), ("on_missed", boolean),
        ("on_success", boolean), ("daily_digest", boolean), ("throttle_minutes", range(0)),
    ]
    private static let retention: [(String, OpenAPIValue)] = [
        ("keep_last", range(0)), ("daily", range(0)), ("weekly", range(0)), ("monthly", range(0)), ("yearly", range(0)),
    ]

    private static let secret: OpenAPIValue = ["type": ["string", "null"], "writeOnly": true, "description": "`null` or `\"\"` removes it."]

    /// The body of `POST /api/config/settings/s3/test`: S3 fields over the stored ones.
    private static var s3Input: OpenAPIValue {
        object(s3 + [("secret_key", ["type": "string", "writeOnly": true])])
    }

    /// The names of `fields` without the optional ones.
    private static func names(_ fields: [(String, OpenAPIValue)], except optional: Set<String> = []) -> [String] {
        fields.map(\.0).filter { !optional.contains($0) }
    }

    static var settingsSchemas: [(String, OpenAPIValue)] {
        let passphrase = object(
            [("id", string), ("created_at", dateTime), ("active", boolean)], required: ["id", "created_at", "active"])
        let notificationsView = notifications + [
            ("webhook_urls_set", boolean), ("webhook_url_count", integer), ("heartbeat_url_set", boolean),
            ("smtp_password_set", boolean), ("ses_secret_key_set", boolean),
        ]
        let sections: [(String, OpenAPIValue)] = [
            (
                "general",
                object(
                    [("installation_id", string)] + general,
                    required: ["installation_id"] + names(general, except: ["public_base_url"]))
            ),
            ("backup", object(backup, required: names(backup, except: ["pg_dump_path", "pg_restore_path", "scratch_directory"]))),
            ("s3", object(s3 + [("secret_key_set", boolean)], required: names(s3) + ["secret_key_set"])),
            (
                "encryption",
                object(
                    encryption + [("passphrases", ["type": "array", "items": passphrase])],
                    required: ["enabled", "iterations", "passphrases"])
            ),
            (
                "notifications",
                object(
                    notificationsView,
                    required: names(notificationsView, except: ["ses_endpoint", "email_events", "webhook_events", "webhook_url_count"]))
            ),
            ("retention", object(retention, required: names(retention))),
        ]
        let updates: [(String, OpenAPIValue)] = [
            ("general", object(general)), ("backup", object(backup)),
            ("s3", object(s3 + [("secret_key", secret)])), ("encryption", object(encryption)),
            (
                "notifications",
                object(
                    notifications + [
                        ("webhook_urls", ["type": "array", "items": string, "writeOnly": true]),
                        ("heartbeat_url", ["type": "string", "writeOnly": true]), ("smtp_password", secret),
                        ("ses_secret_key", secret),
                    ])
            ),
            ("retention", object(retention)),
        ]
        return [
            ("Settings", object(sections, required: sections.map(\.0))),
            ("SettingsUpdate", object(updates).merging(["description": "Only the sections and fields to change."])),
            (
                "SettingsTest",
                object(
                    [
                        ("ok", boolean), ("channel", string), ("bucket", string), ("message", string),
                        ("error", object([("code", string), ("message", string)], required: ["code", "message"])),
                    ], required: ["ok"])
            ),
            (
                "GeneratedKey",
                object(
                    [
                        ("id", string), ("passphrase", ["type": "string", "description": "Keep a copy outside pgbm."]),
                        ("active", boolean), ("encryption_enabled", boolean),
                    ], required: ["id", "passphrase", "active", "encryption_enabled"])
            ),
        ]
    }
}
