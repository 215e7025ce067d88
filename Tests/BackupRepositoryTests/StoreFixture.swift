import BackupRepository
import Foundation
import Logging
import TestSupport

/// A fresh store in its own folder per test.
struct StoreFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore

    var dataDirectory: String { directory.path("data") }

    /// Everything the store logged.
    let log: RecordingLogHandler

    init(environment: [String: String] = [:]) throws {
        directory = try TemporaryDirectory()
        let (logger, log) = RecordingLogHandler.logger()
        self.log = log
        store = try SQLiteStore.open(dataDirectory: directory.path("data"), environment: environment, logger: logger)
    }

    /// Opens the same folder again, as a restarted process would.
    func reopen(environment: [String: String] = [:]) throws -> SQLiteStore {
        try SQLiteStore.open(dataDirectory: dataDirectory, environment: environment, logger: Self.logger)
    }

    static let logger = Logger(label: "pgbm.test.store") { _ in SwiftLogNoOpLogHandler() }

    static func sampleDatabase(_ name: String = "Billing DB (EU)", createdAt: Date = Date(timeIntervalSince1970: 1_800_000_000)) -> ConfiguredDatabase {
        ConfiguredDatabase(
            name: name, host: "db.internal", port: 5433, database: "billing", user: "backup", sslMode: .require, createdAt: createdAt)
    }
}

/// A value as the store keeps it: every field, dates to the millisecond (SQLite's precision here), so
/// a record read back compares equal to the one written.
func stored<Value: Encodable>(_ value: Value) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(String(format: "%.3f", (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000))
    }
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
}
