/// What a `DecodingError` says about the input, in words for the person who wrote it: the field
/// (snake_case, `schedules[0].cron`) and what it must be.
public enum DecodingFailure {
    /// The field at fault (`nil` when the input as a whole is unreadable) and the reason.
    public static func describe(_ error: DecodingError) -> (field: String?, reason: String) {
        switch error {
        case .keyNotFound(let key, let context): (fieldName(context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context): (fieldName(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context): (fieldName(context.codingPath), "must be \(describe(type))")
        case .dataCorrupted(let context):
            // pgbm's own decoders say what is expected ("must be …"); Foundation's messages are not for users.
            (fieldName(context.codingPath), context.debugDescription.hasPrefix("must ") ? context.debugDescription : "has an invalid value")
        @unknown default: (nil, "is unreadable")
        }
    }

    /// `[port]` → `port`, `[schedules, 0, cron]` → `schedules[0].cron`; `nil` for the root.
    static func fieldName(_ path: [any CodingKey]) -> String? {
        var name = ""
        for key in path {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + snakeCase(key.stringValue)
            }
        }
        return name.isEmpty ? nil : name
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

    /// `missedRunGraceSeconds` → `missed_run_grace_seconds`; a name already in snake_case stays.
    public static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result += "_" }
            result += character.lowercased()
        }
        return result
    }
}
