public import Foundation

/// One attempt to back up one database.
public struct BackupRun: Sendable, Equatable, Codable, Identifiable {
    /// Where a run is in its life: queued → running → succeeded / failed / cancelled.
    public enum State: String, Sendable, Codable, CaseIterable {
        case queued, running, succeeded, failed, cancelled

        /// Whether the run has ended.
        public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }

        /// The states a run may move to from this one.
        public var successors: Set<State> {
            switch self {
            case .queued: [.running, .cancelled, .failed]
            case .running: [.succeeded, .failed, .cancelled]
            case .succeeded, .failed, .cancelled: []
            }
        }
    }

    /// What started the run.
    public enum Trigger: String, Sendable, Codable, CaseIterable {
        case schedule, manual, cli
    }

    public var id: Int64?
    public var databaseId: Int64
    public var scheduleId: Int64?
    public var trigger: Trigger
    public var state: State
    public var queuedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var sizeBytes: Int64?
    /// SHA-256 of the stored file, lowercase hex.
    public var checksum: String?
    public var error: String?

    /// Creates a queued run.
    public init(databaseId: Int64, scheduleId: Int64? = nil, trigger: Trigger, queuedAt: Date = Date()) {
        self.databaseId = databaseId
        self.scheduleId = scheduleId
        self.trigger = trigger
        self.state = .queued
        self.queuedAt = queuedAt
    }
}
