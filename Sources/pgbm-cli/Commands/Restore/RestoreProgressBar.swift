import BackupRepository
import Foundation
import Synchronization

/// `restoring  42% 120.3 MiB of 286.1 MiB` on standard error, redrawn twice a second while a restore
/// job runs, on a terminal only.
final class RestoreProgressBar: Sendable {
    private let store: SQLiteStore
    private let jobId: Int64
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(store: SQLiteStore, jobId: Int64) {
        self.store = store
        self.jobId = jobId
    }

    func start() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let (store, jobId) = (self.store, self.jobId)
        task.withLock {
            $0 = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(500))
                    guard !Task.isCancelled else { return }
                    guard let job = (try? store.restoreJob(id: jobId)) ?? nil else { continue }
                    FileHandle.standardError.write(Data(("\r" + Self.line(job) + "   ").utf8))
                }
            }
        }
    }

    func stop() async {
        guard let running = task.withLock({ $0 }) else { return }
        running.cancel()
        await running.value
        FileHandle.standardError.write(Data("\n".utf8))
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
