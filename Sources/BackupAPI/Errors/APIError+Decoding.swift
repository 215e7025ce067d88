import BackupCore
import BackupAPIModels
import HTTPTypes

/// How a request body that does not fit the route's type is reported.
extension APIError {
    /// A body that is not JSON, or not an object, is a 400; a missing, null or mistyped field is a
    /// 422 naming the field.
    static func decoding(_ error: DecodingError) -> APIError {
        let (field, reason) = DecodingFailure.describe(error)
        guard let field else { return APIError(.badRequest, code: .invalidJSON, message: "the body must be a JSON object") }
        return .invalid(field: field, reason)
    }
}
