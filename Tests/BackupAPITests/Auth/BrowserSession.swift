@testable import BackupAPI
import HTTPTypes

/// A signed-in browser session: the cookie header and the CSRF token.
struct BrowserSession: Sendable {
    let token: String
    let csrf: String

    /// `Cookie: pgbm_session=…`, plus `X-CSRF-Token` when `withCSRF`.
    func headers(withCSRF: Bool = true) -> HTTPFields {
        var fields: HTTPFields = [.cookie: "pgbm_session=\(token)"]
        if withCSRF { fields[SessionCookie.csrfHeader] = csrf }
        return fields
    }
}
