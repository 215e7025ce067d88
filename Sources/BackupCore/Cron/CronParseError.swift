/// Why a cron expression was rejected: the field, the 1-based column where the offending text starts, and
/// what was expected.
///
/// ```swift
/// do {
///     _ = try CronExpression(parsing: "0 0 * * 8")
/// } catch {
///     print(error)  // day-of-week (column 9): "8" is out of range 0–7
/// }
/// ```
///
/// Columns count characters of the text as given, leading whitespace included. This is BackupCron's one
/// error; its ``code`` is always ``Code/invalidExpression`` (`Docs/ERRORS.md`).
public struct CronParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, as a stable string.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as `Docs/ERRORS.md`, the API and `pgbm-cli` show it.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The expression cannot be parsed; ``CronParseError/field`` and ``CronParseError/position`` say where.
        public static let invalidExpression = Code("invalid_expression")

        /// Every code.
        public static let all: [Code] = [.invalidExpression]

        public var description: String { rawValue }
    }

    /// The part of the expression the error is about.
    public enum Field: String, Sendable {
        /// The expression as a whole: empty, wrong number of fields, unknown preset.
        case expression
        case minute
        case hour
        case dayOfMonth = "day-of-month"
        case month
        case dayOfWeek = "day-of-week"
    }

    /// The kind of failure: always ``Code/invalidExpression``.
    public var code: Code { .invalidExpression }
    /// The part of the expression the error is about.
    public let field: Field
    /// The 1-based character column where the offending text starts.
    public let position: Int
    /// What is wrong and what was expected, e.g. `"8" is out of range 0–7`.
    public let reason: String

    /// Creates an error; the parser is the only producer, tests compare against it.
    public init(field: Field, position: Int, reason: String) {
        self.field = field
        self.position = position
        self.reason = reason
    }

    /// `<field> (column <position>): <reason>`, e.g. `day-of-week (column 9): "8" is out of range 0–7`.
    public var description: String {
        "\(field.rawValue) (column \(position)): \(reason)"
    }
}
