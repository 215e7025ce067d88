import BackupAPI
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@Suite("Settings: alert test sends", .timeLimit(.minutes(1)))
struct AlertTestRouteTests {
    static var smtpAvailable: Bool { TestServices.available("PGBM_TEST_SMTP_PORT", "PGBM_TEST_MAILDIR") }

    @Test(.enabled(if: smtpAvailable, "run Scripts/test"))
    func emailTestArrivesAtTheSMTPServer() async throws {
        let fixture = try await APIFixture()
        let recipient = "api-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let port = try TestServices.value("PGBM_TEST_SMTP_PORT")
        try await fixture.test { client in
            // Given SMTP to the test server configured through the API
            let put = try await client.send(
                .put, "/api/config/settings",
                json: #"""
                    {"notifications": {"email_transport": "smtp", "email_from": "pgbm@example.com", "email_to": ["\#(recipient)"],
                     "smtp_host": "127.0.0.1", "smtp_port": \#(port), "smtp_start_tls": false}}
                    """#)
            #expect(put.status == .ok, "\(put.text)")
            // When email is tested (the default channel)
            let response = try await client.send(.post, "/api/config/settings/email/test", json: "{}")
            // Then it was sent and arrived
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["ok"]?.bool == true, "\(response.text)")
            #expect(body["channel"]?.string == "email")
            let mail = try await Self.waitForMail(to: recipient)
            #expect(mail?.contains("Subject:") == true)
        }
    }

    /// A heartbeat URL answered with an HTTP error (moto answers 404 for a bucket that does not exist).
    /// (A closed port would do too, but the shared HTTP client retries connecting for 30 s.)
    @Test(.enabled(if: TestServices.available("PGBM_TEST_S3_NOAUTH_ENDPOINT"), "run Scripts/test"))
    func failingHeartbeatIsOkFalse() async throws {
        let fixture = try await APIFixture()
        let endpoint = try TestServices.value("PGBM_TEST_S3_NOAUTH_ENDPOINT")
        try await fixture.test { client in
            let url = "\(endpoint)/no-such-bucket-pgbm/ping-token-canary"
            _ = try await client.send(
                .put, "/api/config/settings", json: #"{"notifications": {"heartbeat_url": "\#(url)"}}"#)
            let response = try await client.send(
                .post, "/api/config/settings/email/test", json: #"{"channel": "heartbeat"}"#)
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["ok"]?.bool == false)
            #expect(body["error"]?["code"]?.string == "failed")
            #expect(body["error"]?["message"]?.string?.isEmpty == false)
            #expect(!response.text.contains("token-canary"))
        }
    }

    @Test func unconfiguredEmailIsOkFalseSayingWhatToSet() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let body = try JSONBody(try await client.send(.post, "/api/config/settings/email/test"))
            #expect(body["ok"]?.bool == false)
            #expect(body["error"]?["code"]?.string == "not_configured")
            #expect(body["error"]?["message"]?.string?.contains("email_transport") == true)
        }
    }

    @Test func unknownChannelIsA422() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let response = try await client.send(
                .post, "/api/config/settings/email/test", json: #"{"channel": "pager"}"#)
            try expectError(response, status: .unprocessableContent, code: "invalid", field: "channel")
        }
    }

    /// The message to `recipient` in the SMTP server's maildir, waiting up to 20 s for it.
    static func waitForMail(to recipient: String) async throws -> String? {
        let maildir = try TestServices.value("PGBM_TEST_MAILDIR")
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: maildir)) ?? []
            where name.hasSuffix(".eml") {
                if let text = try? String(contentsOfFile: "\(maildir)/\(name)", encoding: .utf8),
                    text.contains(recipient)
                {
                    return text
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
