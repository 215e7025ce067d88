/// The body of `POST /api/users`.
struct UserInput: Decodable, Sendable {
    let username: String
    let password: String
    /// `admin` or `viewer`.
    let role: String
}
