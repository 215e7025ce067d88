import BackupRepository
import HTTPTypes

/// Who may call which route: the single place the API's access rules live (``AuthMiddleware`` asks it
/// for every request).
///
/// - Public (no credentials): `GET /api/health`, `GET /api/openapi.json`, `GET|POST /api/auth/setup`,
///   `POST /api/auth/login`, and every path outside `/api/` and `/metrics` (the web UI's files).
/// - Everything else needs a session cookie or a bearer token.
/// - `admin` may do everything. `viewer` may read (`GET`, `HEAD`) except `/api/users…` and backup file
///   downloads, and may change only its own session and tokens: `POST /api/auth/logout`,
///   `POST /api/tokens`, `DELETE /api/tokens/{id}`.
///
/// Paths are compared by their non-empty segments, as the router matches them (`//api//users/` is
/// `/api/users`).
///
/// ```swift
/// let route = AccessPolicy.Route(method: .get, path: "/api/users")
/// route.isPublic                 // false
/// route.permits(.viewer)         // false
/// ```
struct AccessPolicy {
    /// A request's method and path, as the policy sees them.
    struct Route: Sendable, Equatable, CustomStringConvertible {
        let method: HTTPRequest.Method
        /// The path's non-empty segments, not percent-decoded (the router does not decode either).
        let segments: [Substring]

        init(method: HTTPRequest.Method, path: String) {
            self.method = method
            segments = path.split(separator: "/", omittingEmptySubsequences: true)
        }

        /// `GET /api/users`.
        var description: String { "\(method) /\(segments.joined(separator: "/"))" }

        /// Whether anyone may call the route without credentials.
        var isPublic: Bool {
            guard let first = segments.first, first == "api" || first == "metrics" else { return true }
            return Self.publicRoutes.contains { $0.0 == readMethod && $0.1 == segments }
        }

        /// Whether a session-authenticated call needs the `X-CSRF-Token` header: every state-changing method.
        var changesState: Bool { !isRead }

        /// Whether `role` may call the route (once authenticated).
        func permits(_ role: User.Role) -> Bool {
            switch role {
            case .admin: true
            case .viewer: isRead ? viewerMayRead : viewerMayChange
            }
        }

        private static let publicRoutes: [(HTTPRequest.Method, [Substring])] = [
            (.get, ["api", "health"]), (.get, ["api", "openapi.json"]), (.get, ["api", "auth", "setup"]),
            (.post, ["api", "auth", "setup"]), (.post, ["api", "auth", "login"]),
        ]

        private var isRead: Bool { method == .get || method == .head }
        /// `HEAD` is answered like `GET`.
        private var readMethod: HTTPRequest.Method { method == .head ? .get : method }

        private var isUserAdministration: Bool { segments.starts(with: ["api", "users"]) }

        private var isBackupDownload: Bool {
            segments.count == 5 && segments.starts(with: ["api", "backups", "files"]) && segments[4] == "download"
        }

        private var viewerMayRead: Bool { !isUserAdministration && !isBackupDownload }

        private var viewerMayChange: Bool {
            switch method {
            case .post: segments == ["api", "auth", "logout"] || segments == ["api", "tokens"]
            case .delete: segments.count == 3 && segments.starts(with: ["api", "tokens"])
            default: false
            }
        }
    }
}
