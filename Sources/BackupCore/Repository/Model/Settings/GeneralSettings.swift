/// Installation-wide settings.
public struct GeneralSettings: SettingsGroup {
    public static let key = "general"
    public static var defaults: GeneralSettings { GeneralSettings() }

    /// Random id made on first start; names this installation in manifests and S3.
    public var installationId = ""
    /// Absolute path of the backup folder, fixed at first start; changed only by an explicit update.
    public var backupDirectory = ""
    /// Public URL used in alert links.
    public var publicBaseURL: String?
    /// Backups running at once.
    public var concurrency = 2
    /// A run missed while pgbm was down is made up on start if it is at most this old.
    public var missedRunGraceSeconds = 3600
    /// `pg_dump --lock-wait-timeout`.
    public var lockWaitTimeoutSeconds = 60
    /// A backup running longer is cancelled and fails.
    public var maxRunSeconds = 6 * 3600

    /// Stored as snake_case by the store; acronyms are spelled so that they read back (`public_base_url`).
    enum CodingKeys: String, CodingKey {
        case installationId, backupDirectory, concurrency, missedRunGraceSeconds, lockWaitTimeoutSeconds, maxRunSeconds
        case publicBaseURL = "publicBaseUrl"
    }

    public init() {}

    public func validate() throws(StoreError) {
        try TextRule.path.check(backupDirectory, field: "backup_directory")
        try TextRule.url.check(publicBaseURL, field: "public_base_url")
        try Validate.that(backupDirectory.isEmpty || backupDirectory.hasPrefix("/"), field: "backup_directory", "must be an absolute path")
        try Validate.that((1...64).contains(concurrency), field: "concurrency", "must be between 1 and 64")
        try Validate.that(missedRunGraceSeconds >= 0, field: "missed_run_grace_seconds", "must not be negative")
        try Validate.that(lockWaitTimeoutSeconds >= 1, field: "lock_wait_timeout_seconds", "must be at least 1")
        try Validate.that(maxRunSeconds >= 60, field: "max_run_seconds", "must be at least 60")
    }
}
