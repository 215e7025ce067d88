import Foundation

extension Alert {
    /// The subject line: `Backup failed: app`.
    public var title: String {
        let name = subject ?? "unknown"
        return switch kind {
        case .backupFailed: "Backup failed: \(name)"
        case .backupStillFailing: "Backup still failing: \(name) (\(failureCount ?? 2) failures in a row)"
        case .backupRecovered: "Backup recovered: \(name)"
        case .backupMissed: "Backup missed: \(name)"
        case .backupSucceeded: "Backup succeeded: \(name)"
        case .restoreFailed: "Restore failed: \(name)"
        case .restoreSucceeded: "Restore succeeded: \(name)"
        case .test: "Test alert from pgbm"
        }
    }

    /// One line for chat (the webhook's `text`): the title, the error and the link.
    public var summary: String {
        var line = "pgbm: \(title) at \(Self.timestamp(at))"
        if let error { line += ": \(error)" }
        if let link { line += " <\(link)>" }
        return line
    }

    /// The email body: one fact per line.
    public var body: String {
        var lines = [title, ""]
        switch kind {
        case .restoreFailed, .restoreSucceeded: lines.append("Target: \(subject ?? "unknown")")
        case .test: lines.append("This is a test message: the channel works.")
        default: lines.append("Database: \(subject ?? "unknown")")
        }
        lines.append("Time: \(Self.timestamp(at))")
        if let runId { lines.append("Run: \(runId)") }
        if let restoreJobId { lines.append("Restore job: \(restoreJobId)") }
        if let failureCount, kind != .backupFailed { lines.append("Failures in a row: \(failureCount)") }
        if let expectedBy { lines.append("Expected by: \(Self.timestamp(expectedBy))") }
        if kind == .backupMissed { lines.append("Last success: \(lastSuccessAt.map(Self.timestamp) ?? "never")") }
        if let error { lines.append("Error: \(error)") }
        if let link { lines.append("Details: \(link)") }
        lines += ["", "-- ", "pgbm"]
        return lines.joined(separator: "\n")
    }

    /// ISO 8601 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
