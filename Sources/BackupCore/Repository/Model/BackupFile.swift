public import Foundation

/// A stored backup artifact and its manifest fields (design §4).
public struct BackupFile: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64?
    public var runId: Int64
    public var databaseId: Int64
    /// `app_20261126T020000Z.dump.zst.enc`.
    public var fileName: String
    public var localPath: String?
    public var s3Key: String?
    /// `custom`, `plain` or `directory`.
    public var format: String
    /// `zstd`, `gzip` or `none`.
    public var compression: String
    public var encrypted: Bool
    public var iterations: Int?
    public var passphraseId: String?
    public var serverVersion: String
    public var pgDumpVersion: String
    public var sizeBytes: Int64
    public var sha256: String
    public var createdAt: Date
    public var verifiedAt: Date?
    /// `passed` or `failed`, with `verificationMessage` saying why.
    public var verificationResult: String?
    public var verificationMessage: String?

    /// Creates a file record.
    public init(
        runId: Int64, databaseId: Int64, fileName: String, localPath: String? = nil, s3Key: String? = nil,
        format: String = "custom", compression: String = "zstd", encrypted: Bool, iterations: Int? = nil,
        passphraseId: String? = nil, serverVersion: String, pgDumpVersion: String, sizeBytes: Int64, sha256: String,
        createdAt: Date = Date()
    ) {
        self.runId = runId
        self.databaseId = databaseId
        self.fileName = fileName
        self.localPath = localPath
        self.s3Key = s3Key
        self.format = format
        self.compression = compression
        self.encrypted = encrypted
        self.iterations = iterations
        self.passphraseId = passphraseId
        self.serverVersion = serverVersion
        self.pgDumpVersion = pgDumpVersion
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.createdAt = createdAt
    }
}
