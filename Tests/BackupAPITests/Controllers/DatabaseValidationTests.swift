import BackupAPI
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Databases: validation and pagination")
struct DatabaseValidationTests {
    static let valid = #""host": "h", "database": "d", "user": "u""#

    @Test(arguments: [
        (#"{"host": "h", "database": "d", "user": "u"}"#, "name"),
        (#"{"name": "", \#(valid)}"#, "name"),
        (#"{"name": "\#(String(repeating: "n", count: 101))", \#(valid)}"#, "name"),
        (#"{"name": "a", "host": " ", "database": "d", "user": "u"}"#, "host"),
        (#"{"name": "a", \#(valid), "port": 0}"#, "port"),
        (#"{"name": "a", \#(valid), "port": "5432"}"#, "port"),
        (#"{"name": "a", \#(valid), "ssl_mode": "sometimes"}"#, "ssl_mode"),
        (#"{"name": "a", \#(valid), "ssl_mode": "verify-full"}"#, "ssl_root_certificate"),
        (#"{"name": "a", \#(valid), "retention_time_zone": "Mars/Olympus"}"#, "retention_time_zone"),
        (#"{"name": "a", "host": "h", "database": "d", "user": null}"#, "user"),
    ])
    func invalidFieldIsA422NamingIt(json: String, field: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let created = try await client.send(.post, "/api/config/databases", json: json)
            try expectError(created, status: .unprocessableContent, code: "invalid", field: field)
            let id = try await client.createDatabase(name: "existing")
            let updated = try await client.send(.put, "/api/config/databases/\(id)", json: json)
            try expectError(updated, status: .unprocessableContent, code: "invalid", field: field)
        }
    }

    @Test func nameWithoutLetterOrDigitIsA422OnCreate() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let created = try await client.send(.post, "/api/config/databases", json: #"{"name": "---", \#(Self.valid)}"#)
            try expectError(created, status: .unprocessableContent, code: "invalid", field: "name")
        }
    }

    @Test(arguments: ["not json", "[1, 2]", ""])
    func bodyThatIsNotAnObjectIsA400(body: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(try await client.send(.post, "/api/config/databases", json: body), status: .badRequest, code: "invalid_json")
        }
    }

    @Test func listPagesByNameWithACursor() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            // Given five databases created out of order
            for name in ["delta", "alpha", "echo", "charlie", "bravo"] { _ = try await client.createDatabase(name: name) }
            // When the list is read two at a time
            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/config/databases?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let body = try JSONBody(try await client.send(.get, uri))
                names += body["items"]?.array.compactMap { $0["name"]?.string } ?? []
                cursor = body["next_cursor"]?.string
                pages += 1
            } while cursor != nil && pages < 10
            // Then every database comes once, by name, in three pages
            #expect(names == ["alpha", "bravo", "charlie", "delta", "echo"])
            #expect(pages == 3)
        }
    }

    @Test func listWithoutLimitHasNoNextCursor() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            _ = try await client.createDatabase(name: "one")
            let body = try JSONBody(try await client.send(.get, "/api/config/databases"))
            #expect(body["items"]?.array.count == 1)
            #expect(body["next_cursor"] == nil)
        }
    }

    @Test(arguments: ["limit=0", "limit=abc", "limit=501", "limit=-1"])
    func badLimitIsA422(query: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(
                try await client.send(.get, "/api/config/databases?\(query)"), status: .unprocessableContent, code: "invalid", field: "limit")
        }
    }

    @Test func foreignCursorIsA422() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(
                try await client.send(.get, "/api/config/databases?cursor=not*a*cursor"), status: .unprocessableContent, code: "invalid",
                field: "cursor")
        }
    }
}
