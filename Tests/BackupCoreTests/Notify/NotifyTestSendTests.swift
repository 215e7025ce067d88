import BackupCore
import BackupRepository
import Foundation
import TestSupport
import Testing

/// `Notifier.sendTest(channel:)`: each channel really sends, and a bad configuration says what is wrong.
@Suite("Alerts test sends", .enabled(if: NotifyFixture.available, "run Scripts/test"), .timeLimit(.minutes(2)))
struct NotifyTestSendTests {
    @Test("each configured channel sends a test message")
    func everyChannelSends() async throws {
        // Given every channel configured
        let fixture = try await NotifyFixture()
        let notifier = fixture.notifier()
        // When each is tested
        let results = await AlertChannel.allCases.asyncMap { await notifier.sendTest(channel: $0) }
        // Then each reports sent, and the message arrived
        #expect(results.map(\.status) == [.sent, .sent, .sent], "\(results.map(\.message))")
        #expect(try await fixture.waitForMails(1).first?.contains("Test alert from pgbm") == true)
        #expect(fixture.receiver.requests.map(\.path).sorted() == ["/hook/\(fixture.id)", "/ping/\(fixture.id)"])
        #expect(fixture.receiver.requests.first { $0.path.hasPrefix("/hook/") }?.json["event"] as? String == "test")
        #expect(try await fixture.audits("alert.test").count == 3)
        // And through SES too
        try await fixture.useSES()
        #expect(await notifier.sendTest(channel: .email).status == .sent)
        #expect(try await fixture.sesMessages().count == 1)
        await fixture.shutdown()
    }

    @Test("channels that are off say which setting to set")
    func offChannels() async throws {
        let fixture = try await NotifyFixture()
        try await fixture.configure { settings in (settings.emailTransport, settings.webhookURLs, settings.heartbeatURL) = (.none, [], nil) }
        let notifier = fixture.notifier()
        let results = await AlertChannel.allCases.asyncMap { await notifier.sendTest(channel: $0) }
        #expect(results.map(\.status) == [.notConfigured, .notConfigured, .notConfigured])
        #expect(results[0].message.contains("notifications.email_transport"))
        #expect(results[1].message.contains("notifications.webhook_urls"))
        #expect(results[2].message.contains("notifications.heartbeat_url"))
        await fixture.shutdown()
    }

    @Test("a bad channel configuration fails with a clear message and no secret")
    func badConfigurations() async throws {
        // Given a webhook that answers 500, a heartbeat on a closed port, and SES without its secret key
        let fixture = try await NotifyFixture(receiverStatus: 500)
        let closedPort = try FreePort.next()
        try await fixture.configure { settings in settings.heartbeatURL = "http://127.0.0.1:\(closedPort)/ping" }
        let notifier = fixture.notifier()
        let webhook = await notifier.sendTest(channel: .webhook)
        let heartbeat = await notifier.sendTest(channel: .heartbeat)
        #expect(webhook.status == .failed && webhook.message.contains("answered HTTP 500"), "\(webhook.message)")
        #expect(heartbeat.status == .failed && heartbeat.message.contains("cannot be reached"), "\(heartbeat.message)")
        #expect(!webhook.message.contains(fixture.id), "the webhook's path (often its token) is not shown")
        try await fixture.useSES()
        try await fixture.store.setSecret(nil, for: .sesSecretKey)
        let ses = await notifier.sendTest(channel: .email)
        #expect(ses.status == .notConfigured && ses.message.contains("ses.secret_key"), "\(ses.message)")
        // And SES with a wrong region answers an error the message carries
        try await fixture.store.setSecret(Secret(NotifyFixture.canary), for: .sesSecretKey)
        try await fixture.configure { settings in
            (settings.emailTransport, settings.sesEndpoint, settings.sesAccessKeyId) = (.ses, try TestServices.value("PGBM_TEST_SES_ENDPOINT"), "AKID")
            settings.emailFrom = "unknown-\(fixture.id)@example.com"
        }
        let unverified = await notifier.sendTest(channel: .email)
        #expect(unverified.status == .failed && unverified.message.contains("HTTP 4"), "\(unverified.message)")
        for result in [webhook, heartbeat, ses, unverified] { #expect(!result.message.contains(NotifyFixture.canary)) }
        await fixture.shutdown()
    }
}

extension Array {
    /// The results of `transform`, one element after the other.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
