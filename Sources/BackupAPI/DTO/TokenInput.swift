import Foundation

/// The body of `POST /api/tokens`.
struct TokenInput: Decodable, Sendable {
    let name: String
    /// When the token stops working; `nil`: never.
    let expiresAt: Date?
}
