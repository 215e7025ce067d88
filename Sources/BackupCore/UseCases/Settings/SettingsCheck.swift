/// The outcome of a settings test (the S3 bucket, an alert channel): passed, or why not. A failed test is
/// a result, not an error: the test ran.
public struct SettingsCheck: Sendable, Equatable {
    /// Whether the test passed.
    public let ok: Bool
    /// The alert channel tested (`email`, `webhook`, `heartbeat`).
    public let channel: String?
    /// The bucket tested.
    public let bucket: String?
    /// What happened when it passed (`sent to ops@example.com`).
    public let message: String?
    /// Why it failed: a stable code (`bad_credentials`, `unreachable`, `not_configured`, …) and a message
    /// that never carries a secret.
    public let failure: ConnectionCheck.Failure?
}
