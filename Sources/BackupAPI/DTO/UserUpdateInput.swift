/// The body of `PUT /api/users/{id}`: absent fields keep their value.
struct UserUpdateInput: Decodable, Sendable {
    let role: String?
    let disabled: Bool?
    let password: String?
}
