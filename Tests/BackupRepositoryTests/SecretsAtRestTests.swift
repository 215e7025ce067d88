@testable import BackupRepository
import Foundation
import GRDB
import TestSupport
import Testing

@Suite("Secrets at rest")
struct SecretsAtRestTests {
    @Test("canary secrets appear nowhere: not in the SQLite file, its WAL, descriptions or JSON")
    func canaryNowhere() async throws {
        // Given a database password and an S3 secret holding canaries
        let fixture = try StoreFixture()
        let store = fixture.store
        let dbCanary = "canary-db-\(UUID().uuidString)"
        let s3Canary = "canary-s3-\(UUID().uuidString)"
        let database = try await store.createDatabase(StoreFixture.sampleDatabase(), password: Secret(dbCanary))
        try await store.setSecret(Secret(s3Canary), for: .s3SecretKey)
        try await store.append(AuditEvent(actorKind: .user, actor: "admin", action: "settings.update", targetType: "s3", outcome: .success))
        // When every place a secret could leak is collected
        var places: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm"] {
            places[fixture.store.path + suffix] = FileManager.default.contents(atPath: fixture.store.path + suffix)
        }
        let password = try await store.password(ofDatabase: database.id!)!
        let s3 = try await store.secret(.s3SecretKey)!
        var dumped = ""
        dump(password, to: &dumped)
        let texts = [
            String(describing: password), String(reflecting: s3), dumped, String(describing: database),
            String(decoding: try JSONEncoder().encode(["password": password]), as: UTF8.self),
            String(describing: try await store.events(AuditFilter(), limit: 10, cursor: nil).items),
        ] + fixture.log.messages
        #expect(fixture.log.messages.contains { $0.hasPrefix("secret stored") && $0.contains("s3.secret_key") })
        // Then neither canary appears anywhere, yet both can be read back
        #expect(places[fixture.store.path]?.isEmpty == false)
        for (name, data) in places {
            #expect(data.range(of: Data(dbCanary.utf8)) == nil, "\(name)")
            #expect(data.range(of: Data(s3Canary.utf8)) == nil, "\(name)")
        }
        for text in texts {
            #expect(!text.contains(dbCanary) && !text.contains(s3Canary), "\(text)")
        }
        #expect(password.revealed == dbCanary)
        #expect(s3.revealed == s3Canary)
        #expect(texts[4] == #"{"password":"<redacted>"}"#)
    }

    @Test("a wrong master key is refused, naming the secrets it cannot read")
    func wrongMasterKey() async throws {
        let fixture = try StoreFixture()
        _ = try await fixture.store.createDatabase(StoreFixture.sampleDatabase(), password: Secret("pw"))
        let otherKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let error = #expect(throws: StoreError.self) { try fixture.reopen(environment: ["PGBM_MASTER_KEY": otherKey]) }
        #expect(error?.code == .masterKey)
        #expect(error?.message.contains("PGBM_MASTER_KEY") == true)
        #expect(error?.message.contains("database.1.password") == true, "\(error?.message ?? "")")
        #expect(try await fixture.reopen().password(ofDatabase: 1)?.revealed == "pw")
    }

    @Test("a missing key file with stored secrets is an error, and nothing is overwritten")
    func missingKeyFile() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.setSecret(Secret("s3"), for: .s3SecretKey)
        let keyPath = fixture.dataDirectory + "/master.key"
        let original = try Data(contentsOf: URL(fileURLWithPath: keyPath))
        try FileManager.default.moveItem(atPath: keyPath, toPath: fixture.directory.path("master.key.saved"))
        let error = #expect(throws: StoreError.self) { try fixture.reopen() }
        #expect(error?.code == .masterKey)
        #expect(error?.message.contains("s3.secret_key") == true)
        #expect(!FileManager.default.fileExists(atPath: keyPath))
        try FileManager.default.moveItem(atPath: fixture.directory.path("master.key.saved"), toPath: keyPath)
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyPath)) == original)
        #expect(try await fixture.reopen().secret(.s3SecretKey)?.revealed == "s3")
    }

    @Test("a key file readable by others is refused with the chmod to run")
    func looseKeyFileMode() throws {
        let fixture = try StoreFixture()
        let keyPath = fixture.dataDirectory + "/master.key"
        #expect(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        let error = #expect(throws: StoreError.self) { try fixture.reopen() }
        #expect(error?.message.contains("chmod 600") == true)
    }

    @Test("a sealed secret moved to another name does not decrypt")
    func sealedUnderItsName() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.setSecret(Secret("smtp"), for: .smtpPassword)
        try await fixture.store.writer.write { db in
            try db.execute(sql: "UPDATE secret SET name = 's3.secret_key' WHERE name = 'smtp.password'")
        }
        let error = await #expect(throws: StoreError.self) { try await fixture.store.secret(.s3SecretKey) }
        #expect(error?.code == .secretsUnreadable)
        #expect(error?.message.contains("s3.secret_key") == true)
    }
}
