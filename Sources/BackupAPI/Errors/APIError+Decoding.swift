import BackupAPIModels
import HTTPTypes

/// How a request body that does not fit the route's type is reported.
extension APIError {
    /// A body that is not JSON, or not an object, is a 400; a missing, null or mistyped field is a
    /// 422 naming the field.
    static func decoding(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(field: fieldName(context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            return .invalid(field: fieldName(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            return .invalid(field: fieldName(context.codingPath), "must be \(describe(type))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .invalid(field: fieldName(context.codingPath), "has an invalid value")
        default:
            return APIError(.badRequest, code: .invalidJSON, message: "the body must be a JSON object")
        }
    }

    /// `[port]` → `port`, `[schedules, 0, cron]` → `schedules[0].cron`, in snake_case.
    static func fieldName(_ path: [any CodingKey]) -> String {
        var name = ""
        for key in path {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + APIJSON.snakeCase(key.stringValue)
            }
        }
        return name
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type: "a number"
        default: "a value of another type"
        }
    }
}
