public import BackupCore
public import Foundation

/// What the database's retention policy would keep and delete now, and why (nothing is deleted).
public struct RetentionPreviewResponse: Encodable, Sendable {
    /// The policy applied: how many of the newest, daily, weekly, monthly and yearly backups stay.
    public struct Policy: Codable, Sendable {
        public let keepLast: Int
        public let daily: Int
        public let weekly: Int
        public let monthly: Int
        public let yearly: Int
    }

    /// One backup and the decision about it.
    public struct Item: Codable, Sendable {
        /// `local` or `s3`.
        public let location: String
        /// The file name.
        public let name: String
        /// The S3 key (S3 items only).
        public let key: String?
        public let createdAt: Date
        public let sizeBytes: Int64?
        /// The run succeeded and its verification did not fail.
        public let succeeded: Bool
        public let keep: Bool
        public let reasons: [String]
    }

    public let databaseId: Int64
    public let timeZone: String
    public let policy: Policy
    /// Newest first per location, local ones first.
    public let items: [Item]
    public let keptCount: Int
    public let deleteCount: Int
    public let bytesFreed: Int64

    /// The preview of `decisions`, made with `retention`.
    public init(databaseId: Int64, retention: DatabaseRetention, decisions: [RetentionDecision]) {
        self.databaseId = databaseId
        timeZone = retention.timeZone.identifier
        let policy = retention.policy
        self.policy = Policy(
            keepLast: policy.keepLast, daily: policy.daily, weekly: policy.weekly, monthly: policy.monthly,
            yearly: policy.yearly)
        items = decisions.map { decision in
            let item = decision.item
            return Item(
                location: item.location.rawValue, name: (item.id as NSString).lastPathComponent,
                key: item.location == .s3 ? item.id : nil, createdAt: item.createdAt, sizeBytes: item.sizeBytes,
                succeeded: item.succeeded, keep: decision.keep, reasons: decision.reasons)
        }
        let plan = RetentionPlan(decisions: decisions)
        keptCount = plan.keptCount
        deleteCount = plan.deletedCount
        bytesFreed = plan.bytesFreed
    }
}
