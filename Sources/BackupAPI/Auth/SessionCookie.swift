import BackupCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The browser session: the `pgbm_session` cookie and the CSRF token that goes with it.
///
/// The cookie value is a random 256-bit token; the store keeps only its SHA-256. The CSRF token is
/// derived from it, `base64url(HMAC-SHA256(key: session token, "pgbm-csrf-v1"))`: a page script
/// cannot read the HttpOnly cookie, so it cannot compute the CSRF token, while the server can give
/// the token again to a reloaded page (`GET /api/auth/me`) without storing it in a readable form (the
/// store keeps its SHA-256 too).
///
/// ```swift
/// let token = TokenDigest.newToken()
/// let csrf = SessionCookie.csrfToken(for: token)
/// response.setCookie(SessionCookie.cookie(token, maxAge: 43_200, secure: true))
/// ```
enum SessionCookie {
    /// The cookie's name.
    static let name = "pgbm_session"
    /// The header a session-authenticated state-changing request carries.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// The CSRF token belonging to session token `sessionToken`.
    static func csrfToken(for sessionToken: String) -> String {
        let key = SymmetricKey(data: Data(sessionToken.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("pgbm-csrf-v1".utf8), using: key)
        return Data(mac).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The `Set-Cookie` of a new session: `HttpOnly; SameSite=Strict; Path=/; Max-Age=…`, `Secure` when asked.
    static func cookie(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The `Set-Cookie` that removes the session cookie from the browser.
    static func clearing(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The session token the request's cookie carries, if any.
    static func token(in request: Request) -> String? {
        request.cookies[name].map(\.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the cookie must be marked `Secure`: the configuration says the server is reached over
    /// https, or the request came through a TLS-terminating proxy (`X-Forwarded-Proto: https`).
    static func secure(_ request: Request, configuration: APIConfiguration) -> Bool {
        if configuration.secureCookies { return true }
        let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] ?? ""
        return proto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }
}
