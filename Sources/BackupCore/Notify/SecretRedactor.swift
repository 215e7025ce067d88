import BackupRepository
import Foundation

/// Replaces every stored secret (database passwords, S3/SES/SMTP secrets, passphrases, webhook and
/// heartbeat URLs) found in a text with `<redacted>`: alert texts come from error messages that are meant
/// to be secret-free already, and this makes sure.
struct SecretRedactor: Sendable {
    /// Values shorter than this are not searched for: they would redact ordinary words.
    static let minimumLength = 4
    static let replacement = "<redacted>"

    private let secrets: [String]

    init(secrets: [String]) {
        self.secrets = Set(secrets.filter { $0.count >= Self.minimumLength }).sorted { $0.count > $1.count }
    }

    /// Every secret the store holds; one that cannot be read is skipped (it cannot leak through us either).
    static func load(from store: any SecretStore) async throws -> SecretRedactor {
        var values: [String] = []
        for name in try await store.secretNames() {
            guard let value = (try? await store.secret(name))?.flatMap({ $0 })?.revealed else { continue }
            values.append(value)
            // A sealed settings field (webhook URLs) is its JSON text: each URL is a secret too.
            if let json = JSONValue(parsing: value) { values += strings(in: json) }
        }
        return SecretRedactor(secrets: values)
    }

    /// The strings of a JSON string or array.
    private static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap(strings(in:))
        default: []
        }
    }

    /// `text` with every secret replaced.
    func callAsFunction(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.replacement) }
    }
}
