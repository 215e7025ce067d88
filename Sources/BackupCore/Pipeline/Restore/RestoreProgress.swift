import BackupRepository
import BackupStorage
import Crypto
import Foundation
import Synchronization

/// A restore job's live state: its phase and the bytes of the backup file read so far, written to the
/// store by ``RestoreService`` at most twice a second, and at every phase change.
final class RestoreProgress: Sendable {
    private let bytes = Atomic<Int64>(0)
    private let phase: Mutex<(state: RestoreJob.State, total: Int64?, changed: Bool)>
    /// A file whose size is the progress (a download in flight), instead of the counter.
    private let watchedFile = Mutex<String?>(nil)

    init() {
        phase = Mutex((.queued, nil, false))
    }

    /// Enters `state`; the byte count starts again at 0.
    func enter(_ state: RestoreJob.State, total: Int64? = nil, watching file: String? = nil) {
        bytes.store(0, ordering: .relaxed)
        watchedFile.withLock { $0 = file }
        phase.withLock { phase in
            phase = (state, total ?? phase.total, true)
        }
    }

    /// Adds `count` bytes read.
    func add(_ count: Int) {
        bytes.add(Int64(count), ordering: .relaxed)
    }

    /// The state, total and bytes now, and whether the state changed since the last snapshot.
    func snapshot() -> (state: RestoreJob.State, total: Int64?, bytes: Int64, changed: Bool) {
        let (state, total, changed) = phase.withLock { phase in
            defer { phase.changed = false }
            return phase
        }
        let watched = watchedFile.withLock { $0 }
        let done = watched.flatMap { path in
            (try? FileManager.default.attributesOfItem(atPath: path + ".partial")[.size] as? Int64) ?? nil
        }
        // The checks read the file side by side (the hash pass and the listing's start): never past 100 %.
        let read = done ?? bytes.load(ordering: .relaxed)
        return (state, total, total.map { min(read, $0) } ?? read, changed)
    }
}

/// `base`'s blocks, counted into a ``RestoreProgress`` (and hashed, with a hasher) as they pass; checks
/// for cancellation before each block; `atEnd` is called once `base` ended.
struct CountedBytes<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == Data {
    typealias Element = Data
    let base: Base
    let progress: RestoreProgress
    var hasher: StreamHasher? = nil
    var atEnd: (@Sendable () -> Void)? = nil

    func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), progress: progress, hasher: hasher, atEnd: atEnd)
    }

    struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let progress: RestoreProgress
        let hasher: StreamHasher?
        let atEnd: (@Sendable () -> Void)?

        mutating func next() async throws -> Data? {
            try Task.checkCancellation()
            guard let block = try await base.next() else {
                atEnd?()
                return nil
            }
            progress.add(block.count)
            hasher?.update(block)
            return block
        }
    }
}

/// A SHA-256 fed by a sequence as it is read, and the number of bytes fed.
final class StreamHasher: Sendable {
    private let state = Mutex((sha: SHA256(), count: Int64(0)))

    func update(_ block: Data) {
        state.withLock {
            $0.sha.update(data: block)
            $0.count += Int64(block.count)
        }
    }

    /// The bytes fed so far.
    var byteCount: Int64 {
        state.withLock { $0.count }
    }

    /// The digest of everything fed, lowercase hex.
    var hexDigest: String {
        state.withLock { $0.sha }.finalize().hexString
    }
}
