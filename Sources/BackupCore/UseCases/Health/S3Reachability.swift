import BackupRepository
import BackupStorage
public import Foundation

/// Whether the configured S3 bucket answered, checked at most once per `interval` so the detailed health
/// route stays cheap when it is polled.
public actor S3Reachability {
    /// The outcome of the newest check.
    public struct Status: Sendable {
        /// S3 uploads are on.
        public var configured: Bool
        /// The bucket answered; `nil` when not configured.
        public var reachable: Bool?
        /// When it was checked.
        public var checkedAt: Date?
        /// Why it did not answer.
        public var error: String?
    }

    let s3: S3Connector
    let interval: TimeInterval
    private var cached: Status?
    private var inFlight: Task<Status, Never>?

    let timeout: Duration

    /// - Parameters:
    ///   - interval: how long a result is reused.
    ///   - timeout: how long a check may take before the bucket counts as unreachable.
    init(s3: S3Connector, interval: TimeInterval = 60, timeout: Duration = .seconds(5)) {
        self.s3 = s3
        self.interval = interval
        self.timeout = timeout
    }

    /// The cached status, checking the bucket again when the cache is older than `interval`.
    func status(store: any ConfigurationStore, now: Date = Date()) async -> Status {
        // "Not configured" is not kept: turning S3 on shows in the next report, not a minute later.
        if let cached, cached.configured, let at = cached.checkedAt, now.timeIntervalSince(at) < interval { return cached }
        if let inFlight { return await inFlight.value }
        let (s3, timeout) = (s3, timeout)
        let task = Task { await Self.check(s3: s3, store: store, now: now, timeout: timeout) }
        inFlight = task
        let status = await task.value
        inFlight = nil
        cached = status
        return status
    }

    /// Checks the bucket, giving up after `timeout` (the S3 client's own retries can take minutes).
    static func check(s3: S3Connector, store: any ConfigurationStore, now: Date, timeout: Duration) async -> Status {
        await withTaskGroup(of: Status.self) { group in
            group.addTask { await check(s3: s3, store: store, now: now) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Status(configured: true, reachable: false, checkedAt: now, error: "S3 did not answer within \(timeout)")
            }
            let first = await group.next() ?? Status(configured: true, checkedAt: now)
            group.cancelAll()
            return first
        }
    }

    static func check(s3: S3Connector, store: any ConfigurationStore, now: Date) async -> Status {
        let bucket: S3Store?
        do {
            bucket = try await s3.store(settings: store)
        } catch {
            return Status(configured: true, reachable: false, checkedAt: now, error: "\(error)")
        }
        guard let bucket else { return Status(configured: false, checkedAt: now) }
        do {
            try await bucket.testConnection()
            return Status(configured: true, reachable: true, checkedAt: now)
        } catch {
            return Status(configured: true, reachable: false, checkedAt: now, error: "\(error)")
        }
    }
}
