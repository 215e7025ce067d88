import Foundation
import Hummingbird

/// `201` of `POST /api/restore/uploads`: pass `upload_id` to `POST /api/restore/from-upload`.
struct UploadResponse: ResponseEncodable, Sendable {
    let uploadId: String
    let fileName: String
    let size: Int64
    /// SHA-256 of the bytes received, lowercase hex.
    let sha256: String
    /// The upload is removed if no restore uses it by then.
    let expiresAt: Date
}
