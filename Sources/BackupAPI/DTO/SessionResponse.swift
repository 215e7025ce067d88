import Hummingbird

/// The body of `POST /api/auth/login` and `GET /api/auth/me`: the user, how they are signed in, and for a
/// session the CSRF token that state-changing requests send as `X-CSRF-Token`.
struct SessionResponse: ResponseEncodable, Sendable {
    let user: UserResponse
    /// `session` or `token`.
    let credential: String
    /// Present for a session only.
    let csrfToken: String?
}
