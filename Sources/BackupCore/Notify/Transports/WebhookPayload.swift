import Foundation

/// The JSON a webhook receives (Docs/ALERTS.md). `text` makes it a valid Slack incoming-webhook
/// message; the other fields are for machines. Keys are snake_case; absent facts are left out.
struct WebhookPayload: Encodable, Sendable {
    struct Database: Encodable, Sendable {
        let id: Int64?
        let name: String
    }

    struct Restore: Encodable, Sendable {
        let jobId: Int64
        let target: String
    }

    let text: String
    let event: String
    let severity: String
    let title: String
    let occurredAt: Date
    let url: String?
    let error: String?
    let database: Database?
    let runId: Int64?
    let failureCount: Int?
    let expectedBy: Date?
    let lastSuccessAt: Date?
    let restore: Restore?

    init(_ alert: Alert) {
        text = alert.summary
        event = alert.kind.rawValue
        severity = alert.severity
        title = alert.title
        occurredAt = alert.at
        url = alert.link
        error = alert.error
        let isRestore = alert.restoreJobId != nil
        database = isRestore ? nil : alert.subject.map { Database(id: alert.databaseId, name: $0) }
        restore = alert.restoreJobId.map { Restore(jobId: $0, target: alert.subject ?? "") }
        runId = alert.runId
        failureCount = alert.failureCount
        expectedBy = alert.expectedBy
        lastSuccessAt = alert.lastSuccessAt
    }

    /// The request body.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
