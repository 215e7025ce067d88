public import BackupRepository
public import Foundation

/// The last verification of a backup file: `passed`, `failed` or `skipped`, why, and when.
public struct VerificationResponse: Codable, Sendable, Equatable {
    /// `passed`, `failed` or `skipped`.
    public let result: String
    public let message: String?
    public let verifiedAt: Date?

    /// The file's recorded verification, `nil` when it was never verified.
    public init?(_ file: BackupFile) {
        guard let result = file.verificationResult else { return nil }
        self.result = result
        message = file.verificationMessage
        verifiedAt = file.verifiedAt
    }
}
