import Foundation

/// What a restore job found, stored on the job as JSON (`RestoreJob/details`); never a secret.
public struct RestoreDetails: Sendable, Equatable, Codable {
    /// The backup's file name.
    public var fileName: String?
    /// `user@host:port/database`.
    public var target: String?
    /// The target server's version.
    public var serverVersion: String?
    /// The program that restored (`pg_restore 16.2`).
    public var tool: String?
    /// Parallel `pg_restore` jobs used (1 when streaming).
    public var jobs: Int?
    /// What `pg_restore`/`psql` printed on stderr, password redacted.
    public var warnings: String?
    /// The scratch folder the job uses, recorded at its start so a later cleanup finds its files.
    public var scratchDirectory: String?
    /// Rows per restored table (`schema.table`), when counting was asked for.
    public var rowCounts: [String: Int64]?

    public init() {}

    /// The details as JSON with snake_case keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads details stored by ``json``.
    public static func decode(_ text: String?) -> RestoreDetails? {
        guard let text else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(RestoreDetails.self, from: Data(text.utf8))
    }
}
