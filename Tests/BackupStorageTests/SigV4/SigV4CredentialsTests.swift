import Foundation
import Testing

@testable import BackupStorage

/// Credentials never show their secret or token, however they are printed.
@Suite("SigV4 credentials redaction")
struct SigV4CredentialsTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    static let token = "FwoGZXIvYXdzEXAMPLETOKEN"

    /// Every way Swift turns a value into text.
    static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [
            "\(value)", String(describing: value), String(reflecting: value), dumped,
            Mirror(reflecting: value).children.map { "\($0.label ?? ""): \($0.value)" }.joined(separator: ", "),
        ]
    }

    @Test("description, debugDescription, dump and Mirror hide the secret and the token")
    func redaction() {
        // Given credentials with a session token, inside a signer and inside a collection
        let credentials = SigV4Credentials(
            accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Self.secret, sessionToken: Self.token)
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1")
        for value in [credentials, signer, [credentials], Optional(credentials) as Any] as [Any] {
            // When rendered in any way, then neither the secret nor the token appears
            for text in Self.renderings(value) {
                #expect(!text.contains(Self.secret), "\(text)")
                #expect(!text.contains(Self.token), "\(text)")
                #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"), "\(text)")
            }
        }
        #expect(
            credentials.description
                == "SigV4Credentials(accessKeyId: AKIA…MPLE, secretAccessKey: <redacted>, sessionToken: <redacted>)")
        #expect(
            Mirror(reflecting: credentials).children.map(\.label) == ["accessKeyId", "secretAccessKey", "sessionToken"])
    }

    @Test(
        "the access key id is shortened according to its length",
        arguments: [
            ("AKIAIOSFODNN7EXAMPLE", "AKIA…MPLE"), ("ABCDEFGHWXYZ", "ABCD…WXYZ"), ("minioadmin", "mi…"),
            ("abcdef", "ab…"), ("test", "…"), ("", "…"),
        ])
    func redactedAccessKeyId(id: String, expected: String) {
        #expect(SigV4Credentials(accessKeyId: id, secretAccessKey: "s").redactedAccessKeyId == expected)
    }

    @Test("credentials without a token say so")
    func noToken() {
        let credentials = SigV4Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Self.secret)
        #expect(credentials.description.hasSuffix("sessionToken: none)"))
    }
}
