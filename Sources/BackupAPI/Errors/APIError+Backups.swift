extension APIError.Code {
    /// The backup run has ended, or runs in another process (409).
    static let notRunning = APIError.Code("not_running")
    /// The backup run has no local file to verify (409).
    static let noLocalFile = APIError.Code("no_local_file")
    /// The file cannot be verified here: its passphrase is not stored or no `pg_restore` reads it (409).
    static let verificationUnavailable = APIError.Code("verification_unavailable")
    /// A file name that is not one of pgbm's backup file names (400).
    static let invalidName = APIError.Code("invalid_name")
    /// Deleting the newest successful backup of a database without `force=true` (409).
    static let newestBackup = APIError.Code("newest_backup")
    /// The S3 object was not written by this installation, or S3 is off (409).
    static let s3Refused = APIError.Code("s3_refused")
    /// The backup file or its manifest leads out of the backup folder (its recorded path, or a symbolic
    /// link on the way, points elsewhere): neither served nor deleted (409).
    static let outsideBackupFolder = APIError.Code("outside_backup_folder")
    /// The `Range` cannot be served (416).
    static let rangeNotSatisfiable = APIError.Code("range_not_satisfiable")
}
