public import Foundation

/// The answer of `POST /api/backups/{id}/verify`: the file checked and the result.
public struct BackupFileVerifyResponse: Encodable, Sendable {
    public let runId: Int64
    public let fileName: String
    /// `passed`, `failed` or `skipped`.
    public let result: String
    public let message: String?
    public let verifiedAt: Date

    /// The result of verifying `fileName` of run `runId`.
    public init(runId: Int64, fileName: String, result: String, message: String?, verifiedAt: Date) {
        self.runId = runId
        self.fileName = fileName
        self.result = result
        self.message = message
        self.verifiedAt = verifiedAt
    }
}
