import BackupCore
import BackupDump
import BackupStorage

/// The exit code of every library error code: the CLI's one table (`Docs/ERRORS.md` lists it).
///
/// The numbers never change: 1 a local failure (file system, configuration store), 2 an operation that ran
/// and failed (backup, restore, alert, connection test), 3–7 a container that cannot be read, 10–22 a
/// storage failure, 30–54 a PostgreSQL connection, client program or run, 64 invalid input.
enum ExitCodes {
    /// The exit code for `code`; 1 for a code this table does not know (none, `ExitCodesTests` checks).
    static func exitCode(for code: ErrorCode) -> Int32 {
        table[code] ?? 1
    }

    static let table: [ErrorCode: Int32] = {
        var table: [ErrorCode: Int32] = [:]
        func add(_ target: ErrorCode.Target, _ codes: [String], _ exitCode: Int32) {
            for code in codes { table[ErrorCode(target, code)] = exitCode }
        }
        add(.crypto, ["not_container", "unsupported_version", "unsupported_kdf", "parameter_out_of_range"], 3)
        add(.crypto, ["wrong_passphrase"], 4)
        add(.crypto, ["corrupted"], 5)
        add(.crypto, ["truncated"], 6)
        add(.crypto, ["trailing_data"], 7)
        add(.crypto, ["empty_passphrase", "too_many_chunks", "file_system"], 1)
        // 10 + the code's place in StorageError.Code.all (bad_credentials 10 … server 22).
        for (offset, code) in StorageError.Code.all.enumerated() {
            table[ErrorCode(.storage, code.rawValue)] = 10 + Int32(offset)
        }
        add(.cron, ["invalid_expression"], 64)
        add(.repository, ["invalid", "conflict"], 64)
        add(.repository, ["not_found", "invalid_transition", "master_key", "secrets_unreadable", "database"], 1)
        // 30 + the code's place in DumpError.Code.all (unreachable 30 … password_file 54).
        for (offset, code) in DumpError.Code.all.enumerated() {
            table[ErrorCode(.dump, code.rawValue)] = 30 + Int32(offset)
        }
        for code in BackupError.Code.all {
            table[ErrorCode(.core, code.rawValue)] = code == .compressionInvalidParameter ? 64 : 2
        }
        return table
    }()
}
