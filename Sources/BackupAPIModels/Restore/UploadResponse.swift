public import Foundation

/// `201` of `POST /api/restore/uploads`: pass `upload_id` to `POST /api/restore/from-upload`.
public struct UploadResponse: Encodable, Sendable {
    public let uploadId: String
    public let fileName: String
    public let size: Int64
    /// SHA-256 of the bytes received, lowercase hex.
    public let sha256: String
    /// The upload is removed if no restore uses it by then.
    public let expiresAt: Date

    /// The stored upload.
    public init(uploadId: String, fileName: String, size: Int64, sha256: String, expiresAt: Date) {
        self.uploadId = uploadId
        self.fileName = fileName
        self.size = size
        self.sha256 = sha256
        self.expiresAt = expiresAt
    }
}
