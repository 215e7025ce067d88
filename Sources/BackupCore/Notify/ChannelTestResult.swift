/// The outcome of a test send on one channel (`pgbm-cli alerts test`, `POST /api/config/settings/email/test`).
public struct ChannelTestResult: Sendable, Equatable, Codable {
    /// How the test went.
    public enum Status: String, Sendable, Equatable, Codable {
        /// Every destination of the channel accepted the test message.
        case sent
        /// At least one destination failed; ``message`` says why.
        case failed
        /// The channel is off or its settings are incomplete; ``message`` says what to set.
        case notConfigured = "not_configured"
    }

    public let channel: AlertChannel
    public let status: Status
    /// What happened, for people: where it went, or the error.
    public let message: String

    /// Creates a result.
    public init(channel: AlertChannel, status: Status, message: String) {
        self.channel = channel
        self.status = status
        self.message = message
    }
}
