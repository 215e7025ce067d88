import Foundation
import Hummingbird

/// Reads typed query parameters; a malformed one is a 422 naming it.
///
/// ```swift
/// let query = QueryReader(request)
/// let since = try query.date("since")          // ISO-8601, 422 `since` when malformed
/// let databaseId = try query.id("database_id")  // positive integer, 422 when not
/// ```
struct QueryReader: Sendable {
    let parameters: [String: String]

    init(_ request: Request) {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        self.parameters = parameters
    }

    /// The non-empty value of `name`.
    func string(_ name: String) -> String? {
        parameters[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An ISO-8601 time (`2026-11-27T00:10:00Z`, fractional seconds and offsets allowed).
    func date(_ name: String) throws(APIError) -> Date? {
        guard let raw = string(name) else { return nil }
        guard let date = Self.parseDate(raw) else {
            throw .invalid(field: name, "\"\(raw)\" is not an ISO-8601 time like 2026-11-27T00:10:00Z")
        }
        return date
    }

    /// A positive integer id.
    func id(_ name: String) throws(APIError) -> Int64? {
        guard let raw = string(name) else { return nil }
        guard let id = Int64(raw), id > 0 else { throw .invalid(field: name, "must be a positive whole number, got \"\(raw)\"") }
        return id
    }

    /// One of the raw values of `Value`.
    func value<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) throws(APIError) -> Value?
    where Value.RawValue == String {
        guard let raw = string(name) else { return nil }
        guard let value = Value(rawValue: raw) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalid(field: name, "must be one of \(allowed), got \"\(raw)\"")
        }
        return value
    }

    /// `true` or `false` (also `1` / `0`); absent is `defaultValue`.
    func bool(_ name: String, default defaultValue: Bool = false) throws(APIError) -> Bool {
        guard let raw = string(name) else { return defaultValue }
        switch raw.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalid(field: name, "must be true or false, got \"\(raw)\"")
        }
    }

    static func parseDate(_ raw: String) -> Date? {
        // A `+` of an offset arrives as a space when the client did not percent-encode it.
        let text = raw.replacingOccurrences(of: " ", with: "+")
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
