import BackupRepository
import Foundation
import Testing

@Suite("Store validation")
struct ValidationTests {
    @Test("bad database fields are refused, naming the field, and nothing is stored", arguments: [
        ("port", { @Sendable (d: inout ConfiguredDatabase) in d.port = 0 }),
        ("port", { @Sendable (d: inout ConfiguredDatabase) in d.port = 70000 }),
        ("host", { @Sendable (d: inout ConfiguredDatabase) in d.host = " " }),
        ("name", { @Sendable (d: inout ConfiguredDatabase) in d.name = "" }),
        ("ssl_root_certificate", { @Sendable (d: inout ConfiguredDatabase) in d.sslMode = .verifyFull }),
        ("retention_time_zone", { @Sendable (d: inout ConfiguredDatabase) in d.retentionTimeZone = "Mars/Base" }),
        ("retention_override", { @Sendable (d: inout ConfiguredDatabase) in d.retentionOverride = #"{"hourly": 3}"# }),
        ("retention_override", { @Sendable (d: inout ConfiguredDatabase) in d.retentionOverride = #"{"daily": -1}"# }),
        ("retention_override", { @Sendable (d: inout ConfiguredDatabase) in d.retentionOverride = "[7]" }),
    ] as [(String, @Sendable (inout ConfiguredDatabase) -> Void)])
    func invalidDatabase(field: String, change: @Sendable (inout ConfiguredDatabase) -> Void) async throws {
        let store = try StoreFixture().store
        var database = StoreFixture.sampleDatabase()
        change(&database)
        let error = await #expect(throws: StoreError.self) { try await store.createDatabase(database, password: nil) }
        #expect(error?.code == .invalid)
        #expect(error?.field == field)
        #expect(error?.message.hasPrefix("\(field): ") == true, "\(error?.message ?? "")")
        #expect(try await store.databases(includingDeleted: true).isEmpty)
    }

    @Test("names are unique, also through their slugs, and the first one is kept")
    func uniqueNames() async throws {
        let store = try StoreFixture().store
        let first = try await store.createDatabase(StoreFixture.sampleDatabase("app"), password: Secret("keep"))
        let same = await #expect(throws: StoreError.self) { try await store.createDatabase(StoreFixture.sampleDatabase("app"), password: nil) }
        #expect(same?.code == .conflict)
        #expect(same?.field == "name")
        let sameSlug = await #expect(throws: StoreError.self) { try await store.createDatabase(StoreFixture.sampleDatabase("APP!"), password: nil) }
        #expect(sameSlug?.code == .conflict)
        #expect(stored(try await store.databases(includingDeleted: true)) == stored([first]))
        #expect(try await store.password(ofDatabase: first.id!)?.revealed == "keep")
    }

    @Test("settings are validated per field", arguments: [
        ("concurrency", { @Sendable (g: inout GeneralSettings) in g.concurrency = 0 }),
        ("backup_directory", { @Sendable (g: inout GeneralSettings) in g.backupDirectory = "relative/path" }),
    ] as [(String, @Sendable (inout GeneralSettings) -> Void)])
    func invalidSettings(field: String, change: @Sendable (inout GeneralSettings) -> Void) async throws {
        let store = try StoreFixture().store
        var general = GeneralSettings()
        change(&general)
        let error = await #expect(throws: StoreError.self) { try await store.saveSettings(general) }
        #expect(error?.field == field)
    }

    @Test("a retention override sets only the keys it names and explains a bad one")
    func retentionOverride() throws {
        var global = RetentionSettings()
        global.yearly = 2
        let merged = try global.applying(override: #"{"daily": 30, "keep_last": 0}"#)
        let values: [Int] = [merged.keepLast, merged.daily, merged.weekly, merged.monthly, merged.yearly]
        #expect(values == [0, 30, 4, 12, 2])
        let unknown = #expect(throws: StoreError.self) { try global.applying(override: #"{"hourly": 3}"#) }
        #expect(unknown?.description == #"retention_override: unknown key "hourly"; expected one of keep_last, daily, weekly, monthly, yearly"#)
        let negative = #expect(throws: StoreError.self) { try global.applying(override: #"{"weekly": -2}"#) }
        #expect(negative?.description == #"retention_override: "weekly" must be a whole number of at least 0"#)
        let empty = #expect(throws: StoreError.self) {
            try RetentionSettings().applying(override: #"{"keep_last": 0, "daily": 0, "weekly": 0, "monthly": 0, "yearly": 0}"#)
        }
        #expect(empty?.field == "retention_override")
    }
}
