/// The body of `POST /api/auth/login`.
struct LoginInput: Decodable, Sendable {
    let username: String
    let password: String
}
