/// The configured bucket's backups, or why they cannot be listed.
public enum S3BackupListing: Sendable, Equatable {
    /// The backups, newest first, and this installation's id (to tell its own from others').
    case listed([BackupCatalog.Entry], installationId: String)
    /// S3 is off, or its settings are incomplete or invalid.
    case unavailable(String)
    /// The bucket did not answer the listing.
    case failed(String)
}
