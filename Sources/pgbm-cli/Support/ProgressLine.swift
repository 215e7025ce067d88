import BackupRepository
import Foundation

/// `12.3 MiB written` on standard error, updated every second while a backup runs, on a terminal only.
final class ProgressLine: Sendable {
    private let store: SQLiteStore
    private let line = StatusLine()

    init(store: SQLiteStore) {
        self.store = store
    }

    func start(runId: Int64) {
        let store = self.store
        line.start(every: .seconds(1)) {
            let bytes = (try? store.run(id: runId))??.sizeBytes ?? 0
            return "\(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .binary)) written"
        }
    }

    func stop() async {
        await line.stop()
    }
}
