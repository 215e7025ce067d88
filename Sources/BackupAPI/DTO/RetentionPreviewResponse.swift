import BackupCore
import Foundation
import Hummingbird

/// What the database's retention policy would keep and delete now, and why (nothing is deleted).
struct RetentionPreviewResponse: ResponseEncodable, Sendable {
    struct Policy: Codable, Sendable {
        let keepLast: Int
        let daily: Int
        let weekly: Int
        let monthly: Int
        let yearly: Int
    }

    struct Item: Codable, Sendable {
        /// `local` or `s3`.
        let location: String
        /// The file name.
        let name: String
        /// The S3 key (S3 items only).
        let key: String?
        let createdAt: Date
        let sizeBytes: Int64?
        /// The run succeeded and its verification did not fail.
        let succeeded: Bool
        let keep: Bool
        let reasons: [String]
    }

    let databaseId: Int64
    let timeZone: String
    let policy: Policy
    /// Newest first per location, local ones first.
    let items: [Item]
    let keptCount: Int
    let deleteCount: Int
    let bytesFreed: Int64

    init(databaseId: Int64, retention: DatabaseRetention, decisions: [RetentionDecision]) {
        self.databaseId = databaseId
        timeZone = retention.timeZone.identifier
        let policy = retention.policy
        self.policy = Policy(
            keepLast: policy.keepLast, daily: policy.daily, weekly: policy.weekly, monthly: policy.monthly, yearly: policy.yearly)
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
