import BackupCore
import BackupRepository
import Foundation

/// A restore job for people and scripts.
struct RestoreJobView: Encodable {
    let id: Int64?
    let state: String
    let source: String
    let target: String
    let progressBytes: Int64
    let totalBytes: Int64?
    let error: String?
    let createdAt: Date
    let startedAt: Date?
    let finishedAt: Date?
    let details: RestoreDetails?

    init(_ job: RestoreJob) {
        id = job.id
        state = job.state.rawValue
        source = job.source
        target = job.target
        progressBytes = job.progressBytes
        totalBytes = job.totalBytes
        error = job.error
        createdAt = job.createdAt
        startedAt = job.startedAt
        finishedAt = job.finishedAt
        details = RestoreDetails.decode(job.details)
    }

    var text: String {
        var lines = ["restore job \(id.map(String.init) ?? "-"): \(state)", "  from \(source)", "  to   \(target)"]
        if let tool = details?.tool { lines.append("  with \(tool)") }
        if let counts = details?.rowCounts {
            lines += counts.keys.sorted().map { "  \($0): \(counts[$0] ?? 0) rows" }
        }
        if let error { lines.append("  error: \(error)") }
        return lines.joined(separator: "\n")
    }
}

/// A stored backup from the catalog.
struct CatalogEntryView: Encodable {
    let key: String
    let size: Int64
    let modified: Date
    let database: String?
    let finishedAt: Date?
    let encrypted: Bool?
    let passphraseId: String?
    let installationId: String?

    init(_ entry: BackupCatalog.Entry) {
        key = entry.key
        size = entry.size
        modified = entry.modified
        database = entry.manifest?.databaseName
        finishedAt = entry.manifest?.finishedAt
        encrypted = entry.manifest?.encrypted
        passphraseId = entry.manifest?.passphraseId
        installationId = entry.manifest?.installationId
    }

    var text: String {
        let when = (finishedAt ?? modified).formatted(.iso8601)
        return "\(when)\t\(ByteCountFormatter.string(fromByteCount: size, countStyle: .binary))\t\(database ?? "(no manifest)")\t\(key)"
    }
}
