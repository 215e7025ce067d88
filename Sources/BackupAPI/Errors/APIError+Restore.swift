import HTTPTypes

extension APIError.Code {
    /// S3 is not enabled or its settings are incomplete (409).
    static let s3NotConfigured = APIError.Code("s3_not_configured")
    /// The bucket could not be listed (502); the message says why.
    static let s3Failed = APIError.Code("s3_failed")
    /// A file name leaves the backup folder or is not a plain name (400).
    static let invalidPath = APIError.Code("invalid_path")
    /// The restore job has already ended (409).
    static let jobFinished = APIError.Code("job_finished")
    /// The restore job is run by another process (the CLI), which alone can cancel it (409).
    static let jobNotHere = APIError.Code("job_not_running_here")
}
