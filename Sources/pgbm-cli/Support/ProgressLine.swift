import BackupRepository
import Foundation
import Synchronization

/// `12.3 MiB written` on standard error, updated every second while a backup runs, on a terminal only.
final class ProgressLine: Sendable {
    private let store: SQLiteStore
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(store: SQLiteStore) {
        self.store = store
    }

    func start(runId: Int64) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let store = self.store
        task.withLock {
            $0 = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    let bytes = (try? store.run(id: runId))??.sizeBytes ?? 0
                    let text = "\r\(ByteCountFormatter.string(fromByteCount: bytes, countStyle: .binary)) written   "
                    FileHandle.standardError.write(Data(text.utf8))
                }
            }
        }
    }

    func stop() {
        task.withLock {
            guard let running = $0 else { return }
            running.cancel()
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }
}
