import BackupRepository
import Foundation
import GRDB
import Testing

/// Every text field of the model against its ``TextRule`` (issue 18, finding 8): a NUL, another control
/// character or a value over the limit is refused naming the field, and nothing is stored; values stored
/// before the rules existed still read.
@Suite("Store validation: text fields")
struct TextFieldValidationTests {
    typealias Change = @Sendable (inout ConfiguredDatabase, String) -> Void

    /// Each text field of a database, how to set it, and its limit in bytes or characters.
    static let databaseFields: [(String, Int, Change)] = [
        ("name", 100, { $0.name = $1 }),
        ("host", 255, { $0.host = $1 }),
        ("database", 63, { $0.database = $1 }),
        ("user", 63, { $0.user = $1 }),
        ("options", 1024, { $0.options = $1 }),
        ("ssl_root_certificate", 4096, { $0.sslRootCertificate = $1 }),
        ("retention_time_zone", 255, { $0.retentionTimeZone = $1 }),
    ]

    @Test("a NUL, an escape or one character over the limit in a database field is refused naming it; nothing is stored", arguments: databaseFields)
    func databaseTextFields(field: String, limit: Int, change: Change) async throws {
        let store = try StoreFixture().store
        for (value, reason) in [
            ("db1\u{0}evil", "must not contain control characters (U+0000 at position 4)"),
            ("db1\u{1B}[31m", "must not contain control characters (U+001B at position 4)"),
            ("db1\u{85}", "must not contain control characters (U+0085 at position 4)"),
            (String(repeating: "a", count: limit + 1), "must be at most \(limit)"),
        ] {
            var database = StoreFixture.sampleDatabase()
            change(&database, value)
            let error = await #expect(throws: StoreError.self) { try await store.createDatabase(database, password: nil) }
            #expect(error?.code == .invalid && error?.field == field, "\(field): \(error?.message ?? "none")")
            #expect(error?.reason.hasPrefix(reason) == true, "\(field): \(error?.reason ?? "none")")
            #expect(error?.message.contains(value) == false)
        }
        #expect(try await store.databases(includingDeleted: true).isEmpty)
    }

    @Test("the limits count what the receiver counts: names in characters, the rest in UTF-8 bytes")
    func limitsCountTheRightUnit() throws {
        #expect(throws: Never.self) { try TextRule.name.check(String(repeating: "é", count: 100), field: "name") }
        #expect(throws: Never.self) { try TextRule.postgresName.check(String(repeating: "a", count: 63), field: "database") }
        let bytes = #expect(throws: StoreError.self) { try TextRule.postgresName.check(String(repeating: "é", count: 32), field: "database") }
        #expect(bytes?.reason == "must be at most 63 bytes, got 64")
        #expect(throws: Never.self) { try TextRule.host.check("db-1.example.com", field: "host") }
        #expect(TextRule.quote("a\u{0}b") == #""a\u{0}b""#)
        #expect(TextRule.quote(String(repeating: "x", count: 50)) == "\"" + String(repeating: "x", count: 40) + "…\"")
    }

    typealias GeneralChange = @Sendable (inout GeneralSettings, String) -> Void

    static let generalFields: [(String, GeneralChange)] = [
        ("backup_directory", { $0.backupDirectory = "/b" + $1 }),
        ("public_base_url", { $0.publicBaseURL = "https://x" + $1 }),
    ]

    @Test("general settings refuse a control character in every text field, naming it", arguments: generalFields)
    func generalSettings(field: String, change: GeneralChange) async throws {
        let store = try StoreFixture().store
        var settings = GeneralSettings()
        change(&settings, "\u{0}")
        let error = await #expect(throws: StoreError.self) { try await store.saveSettings(settings) }
        #expect(error?.field == field)
    }

    @Test("S3 and notification settings check their text even while switched off")
    func switchedOffSettingsAreChecked() async throws {
        let store = try StoreFixture().store
        var s3 = S3Settings()
        s3.bucket = "b\u{0}"
        #expect(s3.enabled == false)
        await #expect(throws: StoreError.invalid(field: "bucket", "must not contain control characters (U+0000 at position 2)")) {
            try await store.saveSettings(s3)
        }
        var notifications = NotificationSettings()
        notifications.webhookURLs = ["https://hooks.example.com/" + String(repeating: "t", count: 2048)]
        let error = await #expect(throws: StoreError.self) { try await store.saveSettings(notifications) }
        #expect(error?.field == "webhook_urls" && error?.reason == "must be at most 2048 bytes, got 2074")
        notifications.webhookURLs = ["ftp://hooks.example.com/secret-token-1"]
        let scheme = await #expect(throws: StoreError.self) { try await store.saveSettings(notifications) }
        #expect(scheme?.message.contains("secret-token-1") == false, "a write-only URL is not repeated")
    }

    @Test("a database stored before the rules (an escape in its host) still lists and can be corrected")
    func storedBeforeStillReads() async throws {
        // Given a database whose host was stored with an escape character, as an older pgbm allowed (a NUL
        // never reached the file: SQLite's binding ended the string there)
        let fixture = try StoreFixture()
        let created = try await fixture.store.createDatabase(StoreFixture.sampleDatabase(), password: Secret("keep"))
        let id = try #require(created.id)
        let queue = try DatabaseQueue(path: fixture.dataDirectory + "/backup_manager.db")
        try await queue.write { db in
            try db.execute(sql: "UPDATE configured_database SET host = ? WHERE id = ?", arguments: ["db.internal\u{1B}evil", id])
        }
        // Then it still reads, with its password
        let listed = try #require(try await fixture.store.databases(includingDeleted: false).first)
        #expect(listed.host == "db.internal\u{1B}evil")
        #expect(try await fixture.store.password(ofDatabase: id)?.revealed == "keep")
        // And an update that keeps the bad host names it, while one that fixes it succeeds
        var same = listed
        same.name = "renamed"
        let error = await #expect(throws: StoreError.self) { try await fixture.store.updateDatabase(same, password: nil) }
        #expect(error?.field == "host")
        var fixed = listed
        fixed.host = "db.internal"
        #expect(try await fixture.store.updateDatabase(fixed, password: nil).host == "db.internal")
        #expect(try await fixture.store.password(ofDatabase: id)?.revealed == "keep")
    }
}
