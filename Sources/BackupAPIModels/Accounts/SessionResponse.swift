/// The body of `POST /api/auth/login` and `GET /api/auth/me`: the user, how they are signed in, and for a
/// session the CSRF token that state-changing requests send as `X-CSRF-Token`.
public struct SessionResponse: Encodable, Sendable {
    public let user: UserResponse
    /// `session` or `token`.
    public let credential: String
    /// Present for a session only.
    public let csrfToken: String?

    /// `user` signed in with `credential`.
    public init(user: UserResponse, credential: String, csrfToken: String?) {
        self.user = user
        self.credential = credential
        self.csrfToken = csrfToken
    }
}
