import BackupAPIModels
import BackupRepository
import Foundation

extension BackupRunResponse {
    /// `run 7: succeeded, 1.2 MiB in 3.4 s`, then the checksum and the error or note on lines of their own.
    var text: String {
        var line = "run \(id): \(state)"
        if let size = sizeBytes ?? progressBytes {
            line += ", \(ByteCountFormatter.string(fromByteCount: size, countStyle: .binary))"
        }
        if let durationSeconds, finishedAt != nil { line += String(format: " in %.1f s", durationSeconds) }
        if let checksum { line += "\nsha256 \(checksum)" }
        if let error { line += "\n\(state == "succeeded" ? "note" : "error"): \(error)" }
        return line
    }
}
