import BackupRepository
import Foundation
import HTTPTypes
import Hummingbird
public import Logging

extension APIError {
    /// The API error for anything a handler threw: store and validation errors get their status
    /// (404, 409, 422), Hummingbird's errors keep theirs, anything else is a 500 logged here.
    ///
    /// - Parameters:
    ///   - error: What the handler threw.
    ///   - logger: Where unexpected errors are logged (never sent to the client).
    public static func mapping(_ error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ValidationFailure:
            return .invalid(field: error.field, error.message)
        case let error as StoreError:
            return mapping(error, logger: logger)
        case let error as DecodingError:
            return decoding(error)
        case let error as any HTTPResponseError:
            return fromStatus(error.status, message: (error as? HTTPError)?.body)
        default:
            logger.error("request failed", metadata: ["error": "\(error)", "error.type": "\(type(of: error))"])
            return APIError(.internalServerError, code: .internalError, message: "internal error; the server log has the details")
        }
    }

    static func mapping(_ error: StoreError, logger: Logger) -> APIError {
        switch error.code {
        case .notFound:
            return .notFound(error.message)
        case .conflict:
            return APIError(.conflict, code: .conflict, message: error.message, field: error.field)
        case .invalid:
            let field = error.field ?? "body"
            let message = error.message.hasPrefix("\(field): ") ? String(error.message.dropFirst(field.count + 2)) : error.message
            return .invalid(field: field, message)
        default:
            logger.error("configuration store failed", metadata: ["error": "\(error)", "error.code": "\(error.code)"])
            return APIError(
                .internalServerError, code: .storeFailed, message: "the configuration store failed; the server log has the details")
        }
    }

    static func fromStatus(_ status: HTTPResponse.Status, message: String?) -> APIError {
        let code: Code =
            switch status {
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .contentTooLarge: .tooLarge
            case .badRequest: .badRequest
            default: status.code >= 500 ? .internalError : Code(status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"))
            }
        return APIError(status, code: code, message: message ?? status.reasonPhrase.lowercased())
    }
}
