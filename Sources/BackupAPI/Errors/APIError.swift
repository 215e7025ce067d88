import BackupAPIModels
public import HTTPTypes
public import Hummingbird

/// An error the API answers with: a status and the body `{"error": {"code", "message", "field"}}`.
///
/// Handlers throw it directly or throw the store's errors, which ``ErrorMiddleware`` maps to it.
///
/// ```swift
/// throw APIError(.unprocessableContent, code: .invalid, message: "must not be empty", field: "name")
/// ```
public struct APIError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    /// A machine-readable error code; the set grows with the routes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as it appears in the body.
        public let rawValue: String

        /// Creates a code.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The body is not JSON, or not the JSON object the route expects (400).
        public static let invalidJSON = Code("invalid_json")
        /// The request is malformed in another way (400).
        public static let badRequest = Code("bad_request")
        /// A field failed validation; `field` names it (422).
        public static let invalid = Code("invalid")
        /// The record or route does not exist (404).
        public static let notFound = Code("not_found")
        /// The method is not allowed on the route (405).
        public static let methodNotAllowed = Code("method_not_allowed")
        /// A unique value (a name) is already taken (409).
        public static let conflict = Code("conflict")
        /// The body is larger than the route accepts (413).
        public static let tooLarge = Code("payload_too_large")
        /// The body is not declared as the route's media type, e.g. a login sent as `text/plain` (415).
        public static let unsupportedMediaType = Code("unsupported_media_type")
        /// The configuration store failed (500); the server log has the details.
        public static let storeFailed = Code("store_failed")
        /// Anything else that went wrong on the server (500).
        public static let internalError = Code("internal_error")

        public var description: String { rawValue }
    }

    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// The machine-readable code.
    public let code: Code
    /// What went wrong, for a person; never contains a secret.
    public let message: String
    /// The request field concerned, in snake_case (`port`, `ssl_mode`), for validation and conflicts.
    public let field: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - code: The machine-readable code.
    ///   - message: What went wrong.
    ///   - field: The request field concerned, if any.
    public init(_ status: HTTPResponse.Status, code: Code, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    /// A 422 naming the field.
    static func invalid(field: String, _ message: String) -> APIError {
        APIError(.unprocessableContent, code: .invalid, message: "\(field): \(message)", field: field)
    }

    /// A 404 for an unknown record.
    static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: .notFound, message: message)
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorResponse(error: .init(code: code.rawValue, message: message, field: field))
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.status = status
        return response
    }
}
