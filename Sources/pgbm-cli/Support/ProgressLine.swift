import BackupRepository
import Foundation

/// `12.3 MiB written` on standard error, updated every second while a backup runs, on a terminal only.
final class ProgressLine: Sendable {
    private let store: any ConfigurationStore
    private let line = StatusLine()

    init(store: any ConfigurationStore) {
        self.store = store
    }

    func start(runId: Int64) {
        let store = self.store
        line.start(every: .seconds(1)) {
            let bytes = (try? await store.run(id: runId))??.sizeBytes ?? 0
            return "\(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .binary)) written"
        }
    }

    func stop() async {
        await line.stop()
    }
}
