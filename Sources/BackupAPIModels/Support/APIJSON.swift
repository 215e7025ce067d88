import BackupCore
public import Foundation

/// The JSON conventions of the API and of `pgbm-cli --json` (design §6): snake_case keys, ISO-8601 UTC
/// times, sorted keys.
///
/// ```swift
/// let data = try APIJSON.encoder().encode(PageResponse(items: users.map(UserResponse.init), nextCursor: nil))
/// let text = String(decoding: try APIJSON.encoder(prettyPrinted: true).encode(response), as: UTF8.self)
/// ```
public enum APIJSON {
    /// The encoder of every response.
    ///
    /// - Parameter prettyPrinted: indent the output (the CLI's `--json`, for people reading it too); the
    ///   keys, values and dates are the same either way.
    public static func encoder(prettyPrinted: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if prettyPrinted { encoder.outputFormatting.insert(.prettyPrinted) }
        return encoder
    }

    /// The decoder of every request body: snake_case keys, ISO-8601 dates (`2026-11-27T00:10:00Z`). A date
    /// that does not parse is an error at its key (Foundation's `.iso8601` reports it at the root, which
    /// would make it a 400 instead of a 422 naming the field).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            guard let date = ISO8601DateFormatter().date(from: try container.decode(String.self)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be an ISO-8601 time like 2026-11-27T00:10:00Z")
            }
            return date
        }
        return decoder
    }

    /// `sslRootCertificate` → `ssl_root_certificate`: the API's name of a Swift property.
    public static func snakeCase(_ name: String) -> String {
        DecodingFailure.snakeCase(name)
    }
}
