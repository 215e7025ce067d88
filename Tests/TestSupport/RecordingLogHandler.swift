public import Logging
import Synchronization

/// Keeps every log message of one test, so the test can assert what the code under test reported.
public final class RecordingLogHandler: LogHandler, Sendable {
    private let storage = Mutex<[String]>([])

    public var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    public var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    /// Messages logged so far, with their metadata rendered `key=value`.
    public var messages: [String] { storage.withLock { $0 } }

    public func log(event: LogEvent) {
        let rendered = event.metadata.map { " " + $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") } ?? ""
        storage.withLock { $0.append("\(event.message)\(rendered)") }
    }

    /// A logger writing to a new recorder.
    public static func logger() -> (Logger, RecordingLogHandler) {
        let handler = RecordingLogHandler()
        return (Logger(label: "pgbm.test") { _ in handler }, handler)
    }
}
