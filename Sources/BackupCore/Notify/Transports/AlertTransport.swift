/// One place alerts go: pgbm's own are the email server, a webhook URL and the heartbeat URL; conform a
/// type of yours to add another (a chat service, a pager, a queue).
///
/// The ``Notifier`` reads the `notifications` settings for every event, decides what to send, and hands
/// each ``Alert`` to every transport of each ``AlertChannel`` that wants it. A transport follows the
/// subscriptions of its ``channel``: one on ``AlertChannel/webhook`` gets what webhooks get
/// (`notifications.webhook_events`, by default the `on_failure`, `on_missed` and `on_success` switches),
/// one on ``AlertChannel/heartbeat`` gets every backup's success and failure. A failed delivery is tried
/// again (``NotifierConfiguration/attempts``, with doubling waits), then logged and audited as
/// `alert.failed`; a successful one as `alert.sent`, with ``destination``.
///
/// Register yours in ``NotifierConfiguration/transports``; the test send (`pgbm-cli alerts test`, the
/// API's test button) reaches it too. The "Embedding pgbm" article has one that posts to a chat service;
/// the smallest logs each alert:
///
/// ```swift
/// struct LogTransport: AlertTransport {
///     let logger: Logger
///     var channel: AlertChannel { .webhook }
///     var destination: String { "log" }
///
///     func deliver(_ alert: Alert) async throws(BackupError) {
///         logger.warning("\(alert.summary)")
///     }
/// }
///
/// configuration.notifier.transports = [LogTransport(logger: logger)]
/// ```
public protocol AlertTransport: Sendable {
    /// The channel whose subscriptions this transport follows, and under which its deliveries are
    /// logged and audited.
    var channel: AlertChannel { get }
    /// Where it goes, safe to log and audit: never a secret (pgbm's own show scheme, host and port only,
    /// since a webhook's path is often its secret token).
    var destination: String { get }
    /// Sends the alert once; the notifier retries.
    ///
    /// - Throws: ``BackupError`` with an alert code: ``BackupError/Code/alertUnreachable`` (no
    ///   connection), ``BackupError/Code/alertRefused`` (the other side said no),
    ///   ``BackupError/Code/alertTimeout``, or ``BackupError/Code/alertNotConfigured`` (something to set
    ///   first; not retried). The message is logged and audited after the stored secrets are removed.
    func deliver(_ alert: Alert) async throws(BackupError)
}
