public import Foundation

/// A person who may log in to the UI or API.
public struct User: Sendable, Equatable, Codable, Identifiable {
    /// What a user may do.
    public enum Role: String, Sendable, Codable, CaseIterable {
        case admin, viewer
    }

    public var id: Int64?
    public var username: String
    /// bcrypt hash; never the password.
    public var passwordHash: String
    public var role: Role
    public var disabled: Bool
    public var createdAt: Date

    /// Creates a user.
    public init(username: String, passwordHash: String, role: Role, disabled: Bool = false, createdAt: Date = Date()) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// Checks a login name: 1-64 ASCII letters, digits, or `.` `_` `@` `-` (so no control character,
    /// space or look-alike letter).
    /// - Throws: `StoreError` `invalid` naming `username`.
    public static func validate(username: String) throws(StoreError) {
        try Validate.that(
            username.wholeMatch(of: #/[A-Za-z0-9._@-]{1,64}/#) != nil, field: "username", "must be 1-64 letters, digits, or . _ @ -")
    }
}

/// A logged-in browser session; the cookie value is never stored, only its SHA-256.
public struct UserSession: Sendable, Equatable, Codable {
    public var tokenHash: String
    public var userId: Int64
    public var csrfTokenHash: String
    public var createdAt: Date
    public var expiresAt: Date

    /// Creates a session record.
    public init(tokenHash: String, userId: Int64, csrfTokenHash: String, createdAt: Date = Date(), expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userId = userId
        self.csrfTokenHash = csrfTokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A bearer token for automation; only its SHA-256 is stored.
public struct APIToken: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64?
    public var userId: Int64
    public var name: String
    public var tokenHash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var expiresAt: Date?

    /// Creates a token record.
    public init(userId: Int64, name: String, tokenHash: String, createdAt: Date = Date(), expiresAt: Date? = nil) {
        self.userId = userId
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
