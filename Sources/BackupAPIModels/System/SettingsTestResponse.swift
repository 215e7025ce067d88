public import BackupCore

/// `POST /api/config/settings/s3/test` and `/email/test`, and `pgbm-cli alerts test --json`: `ok: true`
/// when the test passed, `ok: false` and `error: {code, message}` when it ran and failed (as the database
/// connection test). Messages never carry a secret.
public struct SettingsTestResponse: Codable, Sendable, Equatable {
    /// Whether the test passed.
    public let ok: Bool
    /// The alert channel tested.
    public let channel: String?
    /// The bucket tested.
    public let bucket: String?
    /// What happened when it passed (`sent to ops@example.com`).
    public let message: String?
    /// Why it failed (`bad_credentials`, `unreachable`, `failed`, `not_configured`, …).
    public let error: ConnectionTestResponse.Failure?

    /// The response for a settings test's outcome.
    public init(_ check: SettingsCheck) {
        ok = check.ok
        channel = check.channel
        bucket = check.bucket
        message = check.message
        error = check.failure.map { ConnectionTestResponse.Failure(code: $0.code, message: $0.message) }
    }
}
