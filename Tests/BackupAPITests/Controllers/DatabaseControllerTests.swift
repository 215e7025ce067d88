import BackupAPI
import BackupRepository
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Databases: create, read, update, delete")
struct DatabaseControllerTests {
    static let canary = "canary-Pa55word-7f3a9"

    @Test func createAnswers201WithLocationAndNeverThePassword() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            // When a database is created with a password
            let response = try await client.send(
                .post, "/api/config/databases",
                json: #"{"name": "Billing DB", "host": "db.internal", "port": 5433, "database": "billing", "user": "backup", "#
                    + #""password": "\#(Self.canary)", "ssl_mode": "require"}"#)
            // Then it is 201 with its location, its slug, and password_set instead of the password
            #expect(response.status == .created)
            let body = try JSONBody(response)
            let id = try #require(body["id"]?.int)
            #expect(response.headers[.location] == "/api/config/databases/\(id)")
            #expect(body["slug"]?.string == "billing-db")
            #expect(body["port"]?.int == 5433)
            #expect(body["ssl_mode"]?.string == "require")
            #expect(body["password_set"]?.bool == true)
            #expect(body["created_at"]?.string?.hasSuffix("Z") == true)
            #expect(!body.keys.contains("password"))
            #expect(!String(buffer: response.body).contains(Self.canary))
        }
        #expect(try await fixture.store.password(ofDatabase: 1)?.revealed == Self.canary)
    }

    @Test func showListsTheStoredSettingsWithoutPassword() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let id = try await client.createDatabase(name: "app", password: Self.canary)
            let withoutPassword = try await client.createDatabase(name: "other")
            let shown = try await client.send(.get, "/api/config/databases/\(id)")
            #expect(shown.status == .ok)
            #expect(try JSONBody(shown)["name"]?.string == "app")
            #expect(try JSONBody(shown)["password_set"]?.bool == true)
            #expect(!String(buffer: shown.body).contains(Self.canary))
            let other = try await client.send(.get, "/api/config/databases/\(withoutPassword)")
            #expect(try JSONBody(other)["password_set"]?.bool == false)
            let list = try await client.send(.get, "/api/config/databases")
            #expect(try JSONBody(list)["items"]?.array.map { $0["password_set"]?.bool } == [true, false])
            #expect(!String(buffer: list.body).contains(Self.canary))
        }
    }

    @Test func putWithoutPasswordKeepsTheStoredOne() async throws {
        let fixture = try await APIFixture()
        let id = try await fixture.test { client in
            // Given a database with a password
            let id = try await client.createDatabase(name: "app", password: Self.canary)
            // When it is updated without a password
            let response = try await client.send(
                .put, "/api/config/databases/\(id)",
                json: #"{"name": "app renamed", "host": "db2.internal", "database": "app", "user": "backup"}"#)
            // Then the settings change, the slug stays, and the password is kept
            #expect(response.status == .ok)
            let body = try JSONBody(response)
            #expect(body["name"]?.string == "app renamed")
            #expect(body["host"]?.string == "db2.internal")
            #expect(body["slug"]?.string == "app")
            #expect(body["password_set"]?.bool == true)
            return id
        }
        #expect(try await fixture.store.password(ofDatabase: Int64(id))?.revealed == Self.canary)
    }

    @Test func putWithPasswordReplacesIt() async throws {
        let fixture = try await APIFixture()
        let id = try await fixture.test { client in
            let id = try await client.createDatabase(name: "app", password: "old")
            let response = try await client.send(
                .put, "/api/config/databases/\(id)",
                json: #"{"name": "app", "host": "db", "database": "app", "user": "backup", "password": "new"}"#)
            #expect(response.status == .ok)
            return id
        }
        #expect(try await fixture.store.password(ofDatabase: Int64(id))?.revealed == "new")
    }

    @Test func deleteAnswers204AndTheDatabaseIsGoneFromTheApi() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let id = try await client.createDatabase(name: "app")
            #expect(try await client.send(.delete, "/api/config/databases/\(id)").status == .noContent)
            try expectError(try await client.send(.get, "/api/config/databases/\(id)"), status: .notFound, code: "not_found")
            try expectError(try await client.send(.delete, "/api/config/databases/\(id)"), status: .notFound, code: "not_found")
            #expect(try JSONBody(try await client.send(.get, "/api/config/databases"))["items"]?.array.isEmpty == true)
        }
        // The row and its history stay in the store, marked deleted
        #expect(try await fixture.store.database(id: 1)?.deletedAt != nil)
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/api/config/databases/42"), (.put, "/api/config/databases/42"),
        (.delete, "/api/config/databases/42"), (.post, "/api/config/databases/42/test"), (.get, "/api/config/databases/abc"),
    ])
    func unknownIdIsA404(method: HTTPRequest.Method, uri: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let json = method == .put ? #"{"name": "x", "host": "h", "database": "d", "user": "u"}"# : nil
            try expectError(try await client.send(method, uri, json: json), status: .notFound, code: "not_found")
        }
    }

    @Test func aTakenNameIsA409NamingTheField() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            _ = try await client.createDatabase(name: "app")
            let other = try await client.createDatabase(name: "other")
            let duplicate = try await client.send(
                .post, "/api/config/databases", json: #"{"name": "app", "host": "h", "database": "d", "user": "u"}"#)
            try expectError(duplicate, status: .conflict, code: "conflict", field: "name")
            let rename = try await client.send(
                .put, "/api/config/databases/\(other)", json: #"{"name": "app", "host": "h", "database": "d", "user": "u"}"#)
            try expectError(rename, status: .conflict, code: "conflict", field: "name")
        }
    }
}
