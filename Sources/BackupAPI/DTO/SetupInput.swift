/// The body of `POST /api/auth/setup`: the one-time token from the server log and the first admin.
struct SetupInput: Decodable, Sendable {
    let setupToken: String
    let username: String
    let password: String
}
