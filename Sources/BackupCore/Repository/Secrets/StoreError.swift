/// The one error of BackupRepository: the configuration store failed, or a value failed validation, with a
/// message an operator can act on.
///
/// ``code`` is stable (its ``Code/rawValue`` never changes meaning, `Docs/ERRORS.md` lists them all and how the
/// API and `pgbm-cli` report each); ``message`` says it in words and never contains a secret; ``field`` names
/// the value at fault.
///
/// ```swift
/// do {
///     try database.validate()
/// } catch {
///     print(error.code, error.field ?? "-")  // invalid port
///     print(error)                           // port: must be between 1 and 65535, got 0
/// }
/// ```
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure; compare with the static members (`error.code == .notFound`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as `Docs/ERRORS.md`, the API and `pgbm-cli` show it (`not_found`).
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The master key is missing, malformed, too readable, or not the one the secrets were written with.
        public static let masterKey = Code("master_key")
        /// Stored secrets could not be decrypted.
        public static let secretsUnreadable = Code("secrets_unreadable")
        /// A value failed validation; ``StoreError/field`` names it.
        public static let invalid = Code("invalid")
        /// A unique name is already taken.
        public static let conflict = Code("conflict")
        /// The record does not exist.
        public static let notFound = Code("not_found")
        /// A state change that the state machine does not allow.
        public static let invalidTransition = Code("invalid_transition")
        /// SQLite failed (disk, permissions, corruption).
        public static let database = Code("database")

        /// Every code, in the order `Docs/ERRORS.md` lists them.
        public static let all: [Code] = [
            .invalid, .conflict, .notFound, .invalidTransition, .masterKey, .secretsUnreadable, .database,
        ]

        public var description: String { rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, in words; never contains a secret. For ``Code/invalid`` with a field it starts with
    /// `<field>: `.
    public let message: String
    /// The field concerned, in the API's snake_case (`port`, `ssl_mode`), for validation and conflicts.
    public let field: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// A value failed validation: `field` and what is expected, as a sentence fragment (`must be between 1
    /// and 65535, got 0`); the message is `<field>: <reason>`.
    public static func invalid(field: String, _ reason: String) -> StoreError {
        StoreError(.invalid, "\(field): \(reason)", field: field)
    }

    /// The message without its leading `<field>: `: what is expected of the field.
    public var reason: String {
        guard let field, message.hasPrefix("\(field): ") else { return message }
        return String(message.dropFirst(field.count + 2))
    }

    public var description: String { message }
}
