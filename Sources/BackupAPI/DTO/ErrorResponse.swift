/// The body of every error: `{"error": {"code": "...", "message": "...", "field": "..."}}`.
struct ErrorResponse: Codable, Sendable {
    /// The error itself.
    struct Detail: Codable, Sendable, Equatable {
        let code: String
        let message: String
        /// Absent when the error concerns no single field.
        let field: String?
    }

    let error: Detail
}
