import Foundation
import Hummingbird

/// The answer of `POST /api/backups/{id}/verify`: the file checked and the result.
struct BackupFileVerifyResponse: ResponseEncodable, Sendable {
    let runId: Int64
    let fileName: String
    /// `passed`, `failed` or `skipped`.
    let result: String
    let message: String?
    let verifiedAt: Date
}
