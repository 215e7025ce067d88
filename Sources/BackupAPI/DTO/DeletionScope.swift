/// Which copies `DELETE /api/backups/files/{name}` removes.
enum DeletionScope: String, CaseIterable, Sendable {
    case local, s3, all
}
