import BackupAPIModels
import BackupRepository

extension RestoreJobResponse {
    /// `restore job 3: succeeded`, then where from and to, the tool, the row counts and the error.
    var text: String {
        var lines = [
            "restore job \(id): \(state)" + (phase.map { " (\($0))" } ?? ""), "  from \(source.jsonText)",
            "  to   \(target.jsonText)",
        ]
        if let tool = details?.tool { lines.append("  with \(tool)") }
        if let counts = details?.rowCounts {
            lines += counts.keys.sorted().map { "  \($0): \(counts[$0] ?? 0) rows" }
        }
        if let error { lines.append("  error: \(error)") }
        return lines.joined(separator: "\n")
    }
}
