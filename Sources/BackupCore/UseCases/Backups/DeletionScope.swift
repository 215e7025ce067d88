/// Which copies of a backup file a deletion removes.
public enum DeletionScope: String, CaseIterable, Sendable {
    /// The local file and its manifest.
    case local
    /// The S3 object and its manifest (only one this installation wrote).
    case s3
    /// Both.
    case all
}
