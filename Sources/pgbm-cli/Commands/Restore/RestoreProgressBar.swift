import BackupRepository
import Foundation

/// `restoring  42% 120.3 MiB of 286.1 MiB` on standard error, redrawn twice a second while a restore
/// job runs, on a terminal only.
final class RestoreProgressBar: Sendable {
    private let store: any ConfigurationStore
    private let jobId: Int64
    private let line = StatusLine()

    init(store: any ConfigurationStore, jobId: Int64) {
        self.store = store
        self.jobId = jobId
    }

    func start() {
        let (store, jobId) = (self.store, self.jobId)
        line.start(every: .milliseconds(500)) {
            guard let job = (try? await store.restoreJob(id: jobId)) ?? nil else { return nil }
            return Self.line(job)
        }
    }

    func stop() async {
        await line.stop()
    }

    /// The bar's text for `job`.
    static func line(_ job: RestoreJob) -> String {
        let done = ByteCountFormatter.string(fromByteCount: job.progressBytes, countStyle: .binary)
        // pg_restore --jobs reads the expanded archive itself: nothing to count while it restores.
        if job.state == .restoring && job.progressBytes == 0 { return "restoring (pg_restore reads the expanded archive)" }
        guard let total = job.totalBytes, total > 0 else { return "\(job.state.rawValue) \(done)" }
        let percent = min(100, Int(job.progressBytes * 100 / total))
        let filled = percent / 5
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
        let whole = ByteCountFormatter.string(fromByteCount: total, countStyle: .binary)
        return "\(job.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) [\(bar)] \(percent)% \(done) of \(whole)"
    }
}
