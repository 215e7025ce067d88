import BackupCore
import HTTPTypes

/// How the API answers each library error code: the API's one table (`Docs/ERRORS.md` lists it).
///
/// 4xx: the request (422), the state of what it names (404, 409). 502: a server pgbm talks to (S3, PostgreSQL,
/// an alert channel) answered with a failure; 504: it did not answer, or not in time; 503: a client program
/// this server needs is missing; 507: no space for the file or the scratch data. 500: pgbm itself failed
/// (file system, configuration store, libzstd); the message is logged, not sent.
enum LibraryErrorTable {
    static func status(for code: ErrorCode) -> HTTPResponse.Status {
        table[code] ?? .internalServerError
    }

    /// The body's code: the store's `invalid`, `conflict` and `not_found` (and `store_failed` for its
    /// failures), `invalid` for a cron expression, otherwise the library's code with a prefix naming the
    /// target (`storage.unreachable`, `container.wrong_passphrase`, `dump.tool_not_installed`) or, for
    /// BackupCore, as it is (`backup.disk_full`).
    static func apiCode(for code: ErrorCode) -> APIError.Code {
        switch code.target {
        case .repository where ["invalid", "conflict", "not_found", "invalid_transition"].contains(code.code):
            APIError.Code(code.code)
        case .repository: .storeFailed
        case .cron: .invalid
        case .crypto: APIError.Code("container.\(code.code)")
        case .storage: APIError.Code("storage.\(code.code)")
        case .dump: APIError.Code("dump.\(code.code)")
        case .core: APIError.Code(code.code)
        }
    }

    /// 507 (RFC 4918), which HTTPTypes does not name.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    static let table: [ErrorCode: HTTPResponse.Status] = {
        var table: [ErrorCode: HTTPResponse.Status] = [:]
        func add(_ target: ErrorCode.Target, _ codes: [String], _ status: HTTPResponse.Status) {
            for code in codes { table[ErrorCode(target, code)] = status }
        }
        add(.crypto, ["not_container", "unsupported_version", "unsupported_kdf", "parameter_out_of_range", "wrong_passphrase",
                      "corrupted", "truncated", "trailing_data", "empty_passphrase", "too_many_chunks"], .unprocessableContent)
        add(.crypto, ["file_system"], .internalServerError)

        add(.storage, ["bad_credentials", "bucket_missing", "access_denied", "wrong_region", "clock_skew", "tls", "integrity",
                       "server"], .badGateway)
        add(.storage, ["unreachable"], .gatewayTimeout)
        add(.storage, ["not_found"], .notFound)
        add(.storage, ["invalid_key"], .unprocessableContent)
        add(.storage, ["configuration"], .conflict)
        add(.storage, ["io"], .internalServerError)

        add(.cron, ["invalid_expression"], .unprocessableContent)

        add(.repository, ["invalid"], .unprocessableContent)
        add(.repository, ["conflict", "invalid_transition"], .conflict)
        add(.repository, ["not_found"], .notFound)
        add(.repository, ["master_key", "secrets_unreadable", "database"], .internalServerError)

        add(.dump, ["unreachable", "timeout", "lock_timeout", "max_run_time_exceeded"], .gatewayTimeout)
        add(.dump, ["password_rejected", "password_required", "database_not_found", "role_not_found", "ssl_unavailable",
                    "ssl_required", "not_allowed", "query_failed", "statement_failed", "connection_failed", "tool_failed"],
            .badGateway)
        add(.dump, ["tool_not_installed", "tool_too_old"], .serviceUnavailable)
        add(.dump, ["invalid_options"], .unprocessableContent)
        add(.dump, ["cancelled"], .conflict)
        add(.dump, ["launch_failed", "consumer_failed", "output_not_consumed", "input_failed", "output_too_large",
                    "password_file"], .internalServerError)

        add(.core, ["backup.configuration", "backup.cancelled", "restore.version", "restore.target_exists",
                    "restore.cancelled", "alert.not_configured"], .conflict)
        add(.core, ["backup.connection", "backup.dump", "backup.upload", "restore.download", "restore.target",
                    "restore.restore", "alert.unreachable", "alert.refused"], .badGateway)
        add(.core, ["backup.timeout", "alert.timeout"], .gatewayTimeout)
        add(.core, ["backup.tools"], .serviceUnavailable)
        add(.core, ["backup.disk_full", "restore.scratch"], insufficientStorage)
        add(.core, ["restore.source", "restore.corrupted", "restore.truncated", "restore.passphrase",
                    "compression.invalid_parameter", "compression.not_zstd", "compression.corrupted", "compression.truncated",
                    "compression.unsupported"], .unprocessableContent)
        add(.core, ["backup.compression", "backup.encryption", "backup.write", "backup.verification", "backup.retention",
                    "restore.verification", "compression.out_of_memory", "compression.library"], .internalServerError)
        return table
    }()
}
