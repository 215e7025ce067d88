import BackupRepository
import Foundation
import Testing

/// The settings group grew (`ses_endpoint`, `smtp_tls`, `email_events`, `webhook_events`): old documents
/// still read, new fields round-trip and are validated by name.
@Suite("Alerts settings")
struct NotifySettingsTests {
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    @Test("a document stored before the new fields decodes with their defaults")
    func oldDocumentDecodes() throws {
        let old = #"{"email_transport":"smtp","email_from":"a@example.com","email_to":["b@example.com"],"smtp_host":"mail","smtp_port":25,"smtp_user":"","smtp_start_tls":false,"ses_region":"eu-west-1","ses_access_key_id":"","webhook_urls":[],"on_failure":true,"on_missed":true,"on_success":false,"daily_digest":false,"throttle_minutes":30}"#
        let settings = try Self.decoder.decode(NotificationSettings.self, from: Data(old.utf8))
        #expect(settings.smtpPort == 25 && settings.throttleMinutes == 30 && settings.sesRegion == "eu-west-1")
        #expect(settings.sesEndpoint == nil && settings.emailEvents == nil && settings.webhookEvents == nil && !settings.smtpTLS)
    }

    @Test("new fields round-trip through the store's coding")
    func newFieldsRoundTrip() throws {
        var settings = NotificationSettings()
        (settings.sesEndpoint, settings.smtpTLS) = ("http://127.0.0.1:1", true)
        (settings.emailEvents, settings.webhookEvents) = ([.backupFailed, .restoreFailed], [.backupMissed])
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(settings)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""email_events":["backup_failed","restore_failed"]"#) && text.contains(#""smtp_tls":true"#))
        #expect(try Self.decoder.decode(NotificationSettings.self, from: data) == settings)
    }

    @Test("validation names the field", arguments: ["ses_endpoint", "heartbeat_url", "ses_access_key_id"])
    func validationNamesField(field: String) {
        var settings = NotificationSettings()
        switch field {
        case "ses_endpoint": settings.sesEndpoint = "email.example.com"
        case "heartbeat_url": settings.heartbeatURL = "ftp://example.com"
        default: (settings.emailTransport, settings.emailFrom, settings.emailTo) = (.ses, "a@example.com", ["b@example.com"])
        }
        #expect(throws: StoreError.self) { try settings.validate() }
        do { try settings.validate() } catch { #expect(error.field == field) }
    }
}
