/// The backup file of a restore, on local disk and ready to read.
struct FetchedBackup: Sendable {
    /// The file.
    let path: String
    /// The file name it goes by (the source's).
    let fileName: String
    /// Its manifest, when one was found beside it.
    let manifest: BackupManifest?
    let layers: BackupLayers
    let size: Int64
    /// SHA-256 computed while downloading; `nil` for a file that was already here.
    let downloadedSHA256: String?
    /// The file belongs to the job (a download, an upload) and is removed when it ends.
    let temporary: Bool
}
