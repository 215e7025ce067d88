/// The access key pair (and optional session token) that signs S3 requests.
///
/// The secret access key and the session token never appear in `description`, `debugDescription`,
/// `dump` or a `Mirror`: they show as `<redacted>`, and the access key id is shortened to its first and
/// last four characters (``redactedAccessKeyId``), so a value can be logged or interpolated into an
/// error message safely.
///
/// ```swift
/// let credentials = SigV4Credentials(
///     accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: secret, sessionToken: nil)
/// print(credentials)
/// // SigV4Credentials(accessKeyId: AKIA…MPLE, secretAccessKey: <redacted>, sessionToken: none)
/// ```
public struct SigV4Credentials: Sendable {
    /// The access key id, such as `AKIAIOSFODNN7EXAMPLE`; sent in every request's credential scope.
    public var accessKeyId: String
    /// The secret access key; only ever used as HMAC key material.
    public var secretAccessKey: String
    /// The session token of temporary credentials (STS), sent as `x-amz-security-token`.
    public var sessionToken: String?

    /// Creates credentials.
    ///
    /// - Parameters:
    ///   - accessKeyId: The access key id.
    ///   - secretAccessKey: The secret access key.
    ///   - sessionToken: The session token of temporary credentials, or `nil`.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key id shortened for messages: `AKIA…WXYZ` for ids of 12 characters or more, the
    /// first two characters and `…` for ids of 6 to 11 characters, and only `…` for shorter ones.
    public var redactedAccessKeyId: String {
        let characters = Array(accessKeyId)
        switch characters.count {
        case 12...: return String(characters.prefix(4)) + "…" + String(characters.suffix(4))
        case 6..<12: return String(characters.prefix(2)) + "…"
        default: return "…"
        }
    }

    static let redacted = "<redacted>"
}

extension SigV4Credentials: CustomStringConvertible, CustomDebugStringConvertible {
    /// The credentials with the access key id shortened and the secret and token redacted.
    public var description: String {
        "SigV4Credentials(accessKeyId: \(redactedAccessKeyId), secretAccessKey: \(Self.redacted), "
            + "sessionToken: \(sessionToken == nil ? "none" : Self.redacted))"
    }

    /// The same as ``description``: never shows the secret or the token.
    public var debugDescription: String { description }
}

extension SigV4Credentials: CustomReflectable {
    /// A mirror that shows the shortened access key id and hides the secret and the token.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyId": redactedAccessKeyId,
                "secretAccessKey": Self.redacted,
                "sessionToken": sessionToken == nil ? "none" : Self.redacted,
            ],
            displayStyle: .struct)
    }
}
