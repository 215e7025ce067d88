extension OpenAPIDocument {
    static var restoreRoutes: [OpenAPIRoute] {
        let path = "/api/restore"
        let catalog = OpenAPIRoute.paging + [OpenAPIRoute.query("database", string, description: "Only this database's (slug or name).")]
        let job = OpenAPIRoute.json("The job", OpenAPIRoute.ref("RestoreJob"))
        let accepted = withLocation(OpenAPIRoute.json("Accepted; poll the job (`Location`)", OpenAPIRoute.ref("RestoreAccepted")))
        return [
            OpenAPIRoute(
                "get", path + "/s3-backups", id: "listS3Backups", tag: "restore",
                summary: "The configured bucket's backups, newest first (409 `s3_not_configured` without S3).",
                parameters: catalog, responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("CatalogEntry")))]),
            OpenAPIRoute(
                "get", path + "/local-backups", id: "listLocalBackups", tag: "restore",
                summary: "The backup folder's backups, newest first.",
                parameters: catalog, responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("CatalogEntry")))]),
            OpenAPIRoute(
                "post", path + "/from-s3", id: "restoreFromS3", tag: "restore", summary: "Restores an object of the configured bucket.",
                access: .admin, body: restoreInput(source: "key", "The S3 key (as `s3-backups` lists it)."),
                example: restoreExample(source: "key", "pgbm/billing/billing_20261126T020000Z.dump.zst.enc"), responses: [("202", accepted)]),
            OpenAPIRoute(
                "post", path + "/from-local", id: "restoreFromLocal", tag: "restore",
                summary: "Restores a file of the backup folder (400 when the name leaves it, 404 when missing).", access: .admin,
                body: restoreInput(source: "file", "`<slug>/<file>` below the backup folder (as `local-backups` lists it)."),
                example: restoreExample(source: "file", "billing/billing_20261126T020000Z.dump.zst.enc"), responses: [("202", accepted)]),
            OpenAPIRoute(
                "post", path + "/uploads", id: "uploadBackup", tag: "restore",
                summary: "Receives a backup file (streamed) for `from-upload`; it expires if no restore uses it.", access: .admin,
                parameters: [
                    OpenAPIRoute.query(
                        "name", ["type": "string", "minLength": 1, "maxLength": 255],
                        description: "The backup's file name (`app_20261126T020000Z.dump.zst.enc`): it tells the restore its layers.",
                        required: true)
                ],
                body: ["type": "string", "format": "binary"], bodyType: "application/octet-stream",
                responses: [("201", OpenAPIRoute.json("Received", OpenAPIRoute.ref("Upload")))]),
            OpenAPIRoute(
                "post", path + "/from-upload", id: "restoreFromUpload", tag: "restore",
                summary: "Restores an upload (404 when unknown, used or expired).", access: .admin,
                body: restoreInput(source: "upload_id", "The `upload_id` of `POST /api/restore/uploads`."),
                example: restoreExample(source: "upload_id", "3f1e2d4c5b6a47898abcdef012345678"), responses: [("202", accepted)]),
            OpenAPIRoute(
                "get", path + "/status/{id}", id: "restoreStatus", tag: "restore",
                summary: "A job's state, phase, bytes, times, error and details.", responses: [("200", job)]),
            OpenAPIRoute(
                "get", path + "/jobs", id: "listRestoreJobs", tag: "restore", summary: "Restore jobs, newest first.",
                parameters: OpenAPIRoute.paging, responses: [("200", OpenAPIRoute.json("A page", OpenAPIRoute.page("RestoreJob")))]),
            OpenAPIRoute(
                "get", path + "/jobs/{id}", id: "showRestoreJob", tag: "restore", summary: "One job (as `status/{id}`).",
                responses: [("200", job)]),
            OpenAPIRoute(
                "post", path + "/jobs/{id}/cancel", id: "cancelRestoreJob", tag: "restore",
                summary: "Cancels a job this server runs; 409 when it ended or another process runs it.", access: .admin,
                responses: [("202", accepted)]),
        ]
    }

    /// A valid restore from `source` named `value`, into a new database on another server.
    private static func restoreExample(source: String, _ value: String) -> OpenAPIValue {
        [
            source: .string(value),
            "target": [
                "connection": [
                    "host": "127.0.0.1", "port": 5432, "user": "postgres", "password": "s3cret-Pa55", "database": "postgres",
                    "ssl_mode": "prefer", "ssl_root_certificate": "/etc/ssl/certs/db-ca.pem",
                ]
            ],
            "database": "billing_copy", "create": true, "clean": false, "jobs": 2, "count_rows": true,
            "passphrase": "the passphrase of another installation",
        ]
    }

    /// The body of a restore from `source` (`key`, `file` or `upload_id`).
    private static func restoreInput(source: String, _ description: String) -> OpenAPIValue {
        let connection = object(
            [
                ("host", string), ("port", ["type": "integer", "minimum": 1, "maximum": 65535, "default": 5432]), ("user", string),
                ("password", ["type": "string", "writeOnly": true]), ("database", string),
                ("ssl_mode", oneOf(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"])),
                ("ssl_root_certificate", string),
            ], required: ["host", "user", "database"])
        let target = object(
            [("database_id", positive), ("connection", connection)]
        ).merging(["description": "Either `database_id` (a configured database) or `connection`."])
        return object(
            [
                (source, ["type": "string", "description": .string(description)]), ("target", target),
                ("database", ["type": "string", "description": "Restore into this database instead of the target's own."]),
                ("create", boolean), ("clean", boolean), ("if_exists", ["type": "boolean", "default": true]),
                ("no_owner", boolean), ("no_privileges", boolean),
                ("jobs", ["type": "integer", "minimum": 1, "maximum": 16, "default": 1]), ("count_rows", boolean),
                ("passphrase", ["type": "string", "writeOnly": true, "description": "For a backup encrypted elsewhere."]),
            ], required: [source, "target"])
    }

    static var restoreSchemas: [(String, OpenAPIValue)] {
        [
            (
                "CatalogEntry",
                object(
                    [
                        ("key", ["type": "string", "description": "S3 only: pass as `key` to `from-s3`."]),
                        ("file", ["type": "string", "description": "Local only: pass as `file` to `from-local`."]),
                        ("file_name", string), ("size", integer), ("modified_at", dateTime), ("database_name", string),
                        ("database_slug", string), ("finished_at", dateTime), ("format", string), ("compression", string),
                        ("encrypted", boolean), ("passphrase_id", string), ("pg_dump_version", string),
                        ("server_version", string), ("sha256", string), ("installation_id", string),
                        ("own_installation", boolean),
                    ], required: ["file_name", "size", "modified_at"])
            ),
            ("RestoreAccepted", object([("job_id", integer), ("state", string)], required: ["job_id", "state"])),
            (
                "Upload",
                object(
                    [("upload_id", string), ("file_name", string), ("size", integer), ("sha256", string), ("expires_at", dateTime)],
                    required: ["upload_id", "file_name", "size", "sha256", "expires_at"])
            ),
            (
                "RestoreJob",
                object(
                    [
                        ("id", integer), ("state", oneOf(["queued", "running", "succeeded", "failed", "cancelled"])),
                        ("phase", oneOf(["downloading", "decrypting", "restoring", "verifying"])),
                        ("source", ["type": "object", "description": "`kind` and the key, path or file name."]),
                        ("target", ["type": "object", "description": "The database id or the connection, never a password."]),
                        ("progress_bytes", integer), ("total_bytes", integer), ("error", string),
                        (
                            "details",
                            object([
                                ("file_name", string), ("target", string), ("server_version", string), ("tool", string),
                                ("jobs", integer), ("warnings", string),
                                ("row_counts", ["type": "object", "additionalProperties": integer]),
                            ])
                        ),
                        ("created_at", dateTime), ("started_at", dateTime), ("finished_at", dateTime),
                    ], required: ["id", "state", "source", "target", "progress_bytes", "created_at"])
            ),
        ]
    }
}
