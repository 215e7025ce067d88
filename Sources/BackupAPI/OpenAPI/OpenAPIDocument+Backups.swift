extension OpenAPIDocument {
    static var backupRoutes: [OpenAPIRoute] {
        let path = "/api/backups"
        let accepted = OpenAPIRoute.json("Accepted; poll the run (`Location`)", OpenAPIRoute.ref("RunAccepted"))
        let databaseId = OpenAPIRoute.query("database_id", positive, description: "Only this database's.")
        return [
            OpenAPIRoute(
                "get", path, id: "listBackups", tag: "backups", summary: "Backup runs, newest first.",
                parameters: OpenAPIRoute.paging + [
                    databaseId,
                    OpenAPIRoute.query("state", oneOf(["queued", "running", "succeeded", "failed", "cancelled"]), description: "Only runs in this state."),
                    OpenAPIRoute.query("since", dateTime, description: "Queued at or after."),
                    OpenAPIRoute.query("until", dateTime, description: "Queued before."),
                ],
                responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("BackupRun")))]),
            OpenAPIRoute(
                "get", path + "/{id}", id: "showBackup", tag: "backups",
                summary: "One run with its files and, while it runs, the bytes written so far.",
                responses: [("200", OpenAPIRoute.json("The run", OpenAPIRoute.ref("BackupRun")))]),
            OpenAPIRoute(
                "post", path + "/run/{db_id}", id: "runBackup", tag: "backups",
                summary: "Queues a backup of a database now (or joins the one queued or running).", access: .admin,
                responses: [("202", withLocation(accepted))]),
            OpenAPIRoute(
                "post", path + "/{id}/cancel", id: "cancelBackup", tag: "backups",
                summary: "Cancels a run queued or running in this server; 409 when it ended.", access: .admin,
                responses: [("202", accepted)]),
            OpenAPIRoute(
                "post", path + "/{id}/verify", id: "verifyBackup", tag: "backups",
                summary: "Verifies the run's local file now and records the result; 409 `no_local_file` without one.",
                access: .admin,
                responses: [("200", OpenAPIRoute.json("The result", OpenAPIRoute.ref("BackupFileVerification")))]),
            OpenAPIRoute(
                "get", path + "/files", id: "listBackupFiles", tag: "backups", summary: "Backup files with a local copy, newest first.",
                parameters: OpenAPIRoute.paging + [databaseId],
                responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("BackupFile")))]),
            OpenAPIRoute(
                "get", path + "/files/{name}/download", id: "downloadBackupFile", tag: "backups",
                summary: "The file (or its `.json` manifest) from disk; one `Range` gives a 206, none of its bytes a 416.",
                access: .admin,
                parameters: [
                    [
                        "name": "Range", "in": "header", "required": false, "schema": string,
                        "description": "One byte range (`bytes=0-1023`, `bytes=-500`); others are ignored.",
                    ]
                ],
                responses: [("200", download("The file", partial: false)), ("206", download("The range asked", partial: true))]),
            OpenAPIRoute(
                "delete", path + "/files/{name}", id: "deleteBackupFile", tag: "backups",
                summary: "Deletes the local copy (`scope=local`), the S3 object (`s3`) or both (`all`), manifests included; the newest successful backup of its database needs `force=true`.",
                access: .admin,
                parameters: [
                    OpenAPIRoute.query("scope", oneOf(["local", "s3", "all"]), description: "Which copies (default `local`)."),
                    OpenAPIRoute.query("force", boolean, description: "Also the newest successful backup."),
                ],
                responses: [("200", OpenAPIRoute.json("The file record after the deletion", OpenAPIRoute.ref("BackupFile")))]),
            OpenAPIRoute(
                "get", "/api/retention/preview", id: "previewRetention", tag: "backups",
                summary: "What the database's retention policy would keep and delete after a backup now, and why.",
                parameters: [
                    OpenAPIRoute.query("database_id", positive, description: "The database.", required: true),
                    OpenAPIRoute.query("location", oneOf(["local", "s3"]), description: "Only copies there."),
                ],
                responses: [("200", OpenAPIRoute.json("The plan (nothing is deleted)", OpenAPIRoute.ref("RetentionPreview")))]),
        ]
    }

    /// A positive integer (ids in query parameters).
    static let positive: OpenAPIValue = ["type": "integer", "minimum": 1]

    /// A 202 response with the `Location` of what it accepted.
    static func withLocation(_ response: OpenAPIValue) -> OpenAPIValue {
        response.merging(["headers": ["Location": ["required": true, "schema": string]]])
    }

    /// A download: the file's bytes, or JSON for a manifest.
    private static func download(_ description: String, partial: Bool) -> OpenAPIValue {
        let bytes: OpenAPIValue = ["schema": ["type": "string", "format": "binary"]]
        var headers: [(String, OpenAPIValue)] = [
            ("Content-Disposition", ["required": true, "schema": string]), ("Accept-Ranges", ["schema": string]),
        ]
        if partial { headers.append(("Content-Range", ["required": true, "schema": string])) }
        return [
            "description": .string(description), "headers": .object(headers),
            "content": ["application/octet-stream": bytes, "application/json": bytes],
        ]
    }

    static var backupSchemas: [(String, OpenAPIValue)] {
        let verification = OpenAPIRoute.ref("Verification")
        return [
            (
                "BackupRun",
                object(
                    [
                        ("id", integer), ("database_id", integer), ("database_name", string), ("database_slug", string),
                        ("schedule_id", integer), ("trigger", oneOf(["schedule", "manual", "cli"])),
                        ("state", oneOf(["queued", "running", "succeeded", "failed", "cancelled"])), ("queued_at", dateTime),
                        ("started_at", dateTime), ("finished_at", dateTime), ("duration_seconds", ["type": "number"]),
                        ("size_bytes", integer), ("progress_bytes", integer), ("checksum", string), ("error", string),
                        ("verification", verification),
                        ("files", ["type": "array", "items": OpenAPIRoute.ref("BackupFile"), "description": "Only on `GET /api/backups/{id}`."]),
                    ], required: ["id", "database_id", "trigger", "state", "queued_at"])
            ),
            (
                "BackupFile",
                object(
                    [
                        ("id", integer), ("name", string), ("run_id", integer), ("database_id", integer),
                        ("database_slug", string), ("local_path", string), ("on_disk", boolean), ("s3_key", string),
                        ("in_s3", boolean), ("format", string), ("compression", string), ("encrypted", boolean),
                        ("passphrase_id", string), ("server_version", string), ("pg_dump_version", string),
                        ("size_bytes", integer), ("sha256", string), ("created_at", dateTime), ("verification", verification),
                        ("download_url", string),
                    ],
                    required: [
                        "id", "name", "run_id", "database_id", "on_disk", "in_s3", "format", "compression", "encrypted",
                        "server_version", "pg_dump_version", "size_bytes", "sha256", "created_at",
                    ])
            ),
            (
                "Verification",
                object([("result", string), ("message", string), ("verified_at", dateTime)], required: ["result"])
            ),
            (
                "BackupFileVerification",
                object(
                    [("run_id", integer), ("file_name", string), ("result", string), ("message", string), ("verified_at", dateTime)],
                    required: ["run_id", "file_name", "result", "verified_at"])
            ),
            ("RunAccepted", object([("run_id", integer), ("state", string)], required: ["run_id", "state"])),
            (
                "RetentionPreview",
                object(
                    [
                        ("database_id", integer), ("time_zone", string),
                        (
                            "policy",
                            object(
                                [("keep_last", integer), ("daily", integer), ("weekly", integer), ("monthly", integer), ("yearly", integer)],
                                required: ["keep_last", "daily", "weekly", "monthly", "yearly"])
                        ),
                        ("items", ["type": "array", "items": retentionItem]), ("kept_count", integer),
                        ("delete_count", integer), ("bytes_freed", integer),
                    ], required: ["database_id", "time_zone", "policy", "items", "kept_count", "delete_count", "bytes_freed"])
            ),
        ]
    }

    private static var retentionItem: OpenAPIValue {
        object(
            [
                ("location", oneOf(["local", "s3"])), ("name", string), ("key", string), ("created_at", dateTime),
                ("size_bytes", integer), ("succeeded", boolean), ("keep", boolean), ("reasons", ["type": "array", "items": string]),
            ], required: ["location", "name", "created_at", "succeeded", "keep", "reasons"])
    }
}
