/// The body of every error: `{"error": {"code": "...", "message": "...", "field": "..."}}`.
public struct ErrorResponse: Codable, Sendable {
    /// The error itself.
    public struct Detail: Codable, Sendable, Equatable {
        public let code: String
        public let message: String
        /// Absent when the error concerns no single field.
        public let field: String?

        /// An error `code` with its `message`, about `field` when it concerns one.
        public init(code: String, message: String, field: String?) {
            self.code = code
            self.message = message
            self.field = field
        }
    }

    public let error: Detail

    /// The body of `error`.
    public init(error: Detail) {
        self.error = error
    }
}
