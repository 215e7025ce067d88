/// What deleting a backup file's copies did: the file afterwards, or why nothing was deleted.
public enum FileDeletionOutcome: Sendable, Equatable {
    /// Why a deletion was refused (the message says it for a person).
    public enum Refusal: Sendable, Equatable {
        /// The copy is the newest successful backup of its database at its location; `force` deletes it.
        case newestBackup(String)
        /// S3 is off or unusable, or the object was written by another installation.
        case s3Refused(String)
        /// The local copy or its manifest leads out of the backup folder (its recorded path, `..` or a
        /// symbolic link on the way), or is not a regular file.
        case outsideBackupFolder(String)
    }

    /// The copies are gone; the file's record without them.
    case deleted(BackupFileEntry)
    /// Nothing was deleted.
    case refused(Refusal)
}
