import BackupRepository
import Foundation

/// The last verification of a backup file: `passed`, `failed` or `skipped`, why, and when.
struct VerificationResponse: Codable, Sendable, Equatable {
    let result: String
    let message: String?
    let verifiedAt: Date?

    /// The file's recorded verification, `nil` when it was never verified.
    init?(_ file: BackupFile) {
        guard let result = file.verificationResult else { return nil }
        self.result = result
        message = file.verificationMessage
        verifiedAt = file.verifiedAt
    }
}
