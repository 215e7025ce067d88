import BackupRepository
import Foundation
import Logging

extension Notifier {
    /// Delivers `alert` to each transport of `channel`, with retries; a channel whose settings are
    /// incomplete is audited as a failure once (its added transports still get the alert).
    func deliver(_ alert: Alert, on channel: AlertChannel, context: DeliveryContext) async {
        var transports: [any AlertTransport] = []
        do {
            transports = try await context.channels.configured(channel)
        } catch {
            await record(alert, channel: channel, destination: "-", attempts: 0, error: error.redacted(context.redactor))
        }
        for transport in transports + context.channels.added(channel) {
            await deliverWithRetries(alert, via: transport, redactor: context.redactor)
        }
    }

    /// Up to ``NotifierConfiguration/attempts`` attempts with doubling waits; stops early when cancelled or
    /// when the channel lacks settings.
    func deliverWithRetries(_ alert: Alert, via transport: any AlertTransport, redactor: SecretRedactor) async {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await transport.deliver(alert)
                await record(alert, channel: transport.channel, destination: transport.destination, attempts: attempt, error: nil)
                return
            } catch {
                let error = error.redacted(redactor)
                guard attempt < configuration.attempts, error.code != .alertNotConfigured, !Task.isCancelled else {
                    await record(alert, channel: transport.channel, destination: transport.destination, attempts: attempt, error: error)
                    return
                }
                logger.warning("alert delivery failed, retrying", metadata: metadata(alert, transport.channel, transport.destination, attempt, error))
                try? await Task.sleep(for: configuration.delay(after: attempt))
            }
        }
    }

    /// Logs and audits a delivery (`alert.sent`) or its final failure (`alert.failed`).
    func record(_ alert: Alert, channel: AlertChannel, destination: String, attempts: Int, error: BackupError?) async {
        let fields = metadata(alert, channel, destination, attempts, error)
        if error == nil {
            logger.info("alert sent", metadata: fields)
        } else {
            logger.error("alert delivery failed", metadata: fields)
        }
        let details = AuditDetails(
            channel: channel.rawValue, event: alert.kind.rawValue, destination: destination, attempts: attempts, runId: alert.runId,
            error: error?.message)
        let target: (type: String?, id: String?) =
            alert.restoreJobId.map { ("restore", "\($0)") } ?? alert.databaseId.map { ("database", "\($0)") } ?? (nil, nil)
        let event = AuditEvent(
            actorKind: .system, actor: "notifier", action: error == nil ? "alert.sent" : "alert.failed", targetType: target.type,
            targetId: target.id, outcome: error == nil ? .success : .failure, details: details.json)
        do {
            try await store.append(event)
        } catch {
            logger.error("cannot audit an alert delivery", metadata: ["error": "\(error)"])
        }
    }

    private func metadata(
        _ alert: Alert, _ channel: AlertChannel, _ destination: String, _ attempts: Int, _ error: BackupError?
    ) -> Logger.Metadata {
        var fields: Logger.Metadata = [
            "alert.channel": "\(channel)", "alert.event": "\(alert.kind.rawValue)", "alert.destination": "\(destination)",
            "alert.attempts": "\(attempts)",
        ]
        if let databaseId = alert.databaseId { fields["database_id"] = "\(databaseId)" }
        if let runId = alert.runId { fields["run_id"] = "\(runId)" }
        if let error { fields["error"] = "\(error.message)" }
        return fields
    }
}

/// The audit details of a delivery: never a secret (destinations are scheme, host and port only).
struct AuditDetails: Encodable {
    let channel: String
    let event: String
    let destination: String
    let attempts: Int
    let runId: Int64?
    let error: String?

    var json: String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
