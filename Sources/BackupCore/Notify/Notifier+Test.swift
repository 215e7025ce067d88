import BackupRepository
import Foundation

extension Notifier {
    /// Sends a test message on `channel` now, once (no retries), to every destination it has, and
    /// audits it (`alert.test`).
    /// - Returns: `sent`, `failed` with the first error, or `notConfigured` saying which setting is missing.
    public func sendTest(channel: AlertChannel) async -> ChannelTestResult {
        let result = await runTest(channel)
        let details = AuditDetails(channel: channel.rawValue, event: "test", destination: "-", attempts: 1, runId: nil, error: result.status == .sent ? nil : result.message)
        _ = try? await store.append(
            AuditEvent(
                actorKind: .system, actor: "notifier", action: "alert.test", targetType: "channel", targetId: channel.rawValue,
                outcome: result.status == .sent ? .success : .failure, details: details.json))
        return result
    }

    private func runTest(_ channel: AlertChannel) async -> ChannelTestResult {
        let context: DeliveryContext
        let transports: [any AlertTransport]
        do {
            context = try await DeliveryContext.load(store: store, http: http, added: configuration.transports)
        } catch {
            return ChannelTestResult(channel: channel, status: .failed, message: "the settings cannot be read: \(error)")
        }
        do {
            transports = try await context.channels.configured(channel) + context.channels.added(channel)
        } catch {
            return ChannelTestResult(channel: channel, status: .notConfigured, message: error.redacted(context.redactor).message)
        }
        guard !transports.isEmpty else {
            return ChannelTestResult(channel: channel, status: .notConfigured, message: context.channels.offReason(channel))
        }
        let alert = Alert(kind: .test, at: Date(), subject: "test")
        var sentTo: [String] = []
        for transport in transports {
            do {
                try await transport.deliver(alert)
                sentTo.append(transport.destination)
            } catch {
                return ChannelTestResult(channel: channel, status: .failed, message: error.redacted(context.redactor).message)
            }
        }
        return ChannelTestResult(channel: channel, status: .sent, message: "sent to \(sentTo.joined(separator: ", "))")
    }
}
