import BackupCore
import Foundation
import HTTPTypes
import Hummingbird
public import Logging

extension APIError {
    /// The API error for anything a handler threw: a library error gets its status and code from
    /// ``LibraryErrorTable`` (a 500 is logged here and its message withheld), Hummingbird's errors keep
    /// theirs, anything else is a 500 logged here.
    ///
    /// - Parameters:
    ///   - error: What the handler threw.
    ///   - logger: Where unexpected errors are logged (never sent to the client).
    public static func mapping(_ error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as DecodingError:
            return decoding(error)
        case let error as any HTTPResponseError:
            return fromStatus(error.status, message: (error as? HTTPError)?.body)
        default:
            if let report = ErrorReport(error) { return mapping(report, logger: logger) }
            logger.error("request failed", metadata: ["error": "\(error)", "error.type": "\(type(of: error))"])
            return APIError(.internalServerError, code: .internalError, message: "internal error; the server log has the details")
        }
    }

    static func mapping(_ report: ErrorReport, logger: Logger) -> APIError {
        let status = LibraryErrorTable.status(for: report.code)
        let code = LibraryErrorTable.apiCode(for: report.code)
        if status == .internalServerError {
            logger.error("request failed", metadata: ["error": "\(report.message)", "error.code": "\(report.code)"])
            let what = report.code.target == .repository ? "the configuration store failed" : "internal error"
            return APIError(status, code: code, message: "\(what); the server log has the details")
        }
        if code == .invalid {
            let field = report.field ?? (report.code.target == .cron ? "cron" : "body")
            let message = report.message.hasPrefix("\(field): ") ? String(report.message.dropFirst(field.count + 2)) : report.message
            return .invalid(field: field, message)
        }
        return APIError(status, code: code, message: report.message, field: report.field)
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
