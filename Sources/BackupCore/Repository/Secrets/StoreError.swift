/// The configuration store failed, with a message an operator can act on.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The master key is missing, malformed, too readable, or not the one the secrets were written with.
        public static let masterKey = Code(name: "master_key")
        /// Stored secrets could not be decrypted.
        public static let secretsUnreadable = Code(name: "secrets_unreadable")
        /// A value failed validation (see ``ValidationFailure``).
        public static let invalid = Code(name: "invalid")
        /// A unique name is already taken.
        public static let conflict = Code(name: "conflict")
        /// The record does not exist.
        public static let notFound = Code(name: "not_found")
        /// A state change that the state machine does not allow.
        public static let invalidTransition = Code(name: "invalid_transition")
        /// SQLite failed (disk, permissions, corruption).
        public static let database = Code(name: "database")

        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, in words; never contains a secret.
    public let message: String
    /// The field concerned, for validation and conflicts.
    public let field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
