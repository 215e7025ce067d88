import HTTPTypes
import Hummingbird

extension APIError.Code {
    /// No, an invalid, or an expired credential (401).
    static let unauthenticated = APIError.Code("unauthenticated")
    /// The caller's role may not do this (403).
    static let forbidden = APIError.Code("forbidden")
    /// A session-authenticated change without the matching `X-CSRF-Token` header (403).
    static let csrfFailed = APIError.Code("csrf_failed")
    /// A change whose `Origin` header is neither the server's own origin nor `general.public_base_url` (403).
    static let originMismatch = APIError.Code("origin_mismatch")
    /// Wrong username or password, or a disabled user (401).
    static let invalidCredentials = APIError.Code("invalid_credentials")
    /// Too many failed logins; `Retry-After` says when to try again (429).
    static let rateLimited = APIError.Code("rate_limited")
    /// The setup token does not match (403).
    static let setupTokenInvalid = APIError.Code("setup_token_invalid")
    /// The installation already has a user (409).
    static let setupDone = APIError.Code("setup_done")
}

extension APIError {
    /// A 401 for a request without a valid credential.
    static func unauthenticated(_ message: String = "sign in, or send Authorization: Bearer <token>") -> APIError {
        APIError(.unauthorized, code: .unauthenticated, message: message)
    }

    /// A 403 for a role that may not do this.
    static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, code: .forbidden, message: message)
    }

    /// The error's response with extra `headers` (`WWW-Authenticate`, `Retry-After`).
    func response(from request: Request, context: APIRequestContext, headers: HTTPFields) throws -> Response {
        var response = try response(from: request, context: context)
        response.headers.append(contentsOf: headers)
        return response
    }
}
