import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// The standing adversarial input suite (issue 18): the requests come from the OpenAPI document the
/// server serves (``HostileInputs``), so a new operation or field is attacked without anyone adding it
/// here. As an admin, every string input of every operation is sent with a NUL byte, with a control
/// character and oversized; each answer must be a 4xx that names the input (a 422 with `field` for a body
/// field or query parameter), never a 5xx, and what is stored must read the same before and after.
@Suite("Adversarial input from the OpenAPI document", .serialized, .timeLimit(.minutes(2)))
struct AdversarialInputTests {
    /// What an admin can read of the stored state; `last_used_at` of the test's own token moves with use.
    static let state = [
        "/api/config/databases", "/api/schedules", "/api/config/settings", "/api/users", "/api/tokens?all=true", "/api/restore/jobs",
        "/api/backups", "/api/backups/files",
    ]

    @Test func everyStringInputRefusesNULControlAndOversizedValues() async throws {
        // Given a server with a database, a schedule and the admin as the objects whose `{id}` is 1
        let process = try ServerProcess()
        try process.start()
        defer { process.stop() }
        _ = try #require(try await process.waitUntilHealthy(timeout: .seconds(20)), "log:\n\(process.log)")
        let admin = try await process.admin()
        let database = try await admin.call(
            .POST, "/api/config/databases", json: #"{"name": "fixture", "host": "127.0.0.1", "port": 1, "database": "app", "user": "app"}"#)
        try #require(database.status == 201, "\(database.text)")
        let schedule = try await admin.call(.POST, "/api/schedules", json: #"{"database_id": 1, "cron": "0 3 * * *", "enabled": false}"#)
        try #require(schedule.status == 201, "\(schedule.text)")

        // And the requests derived from the document the server serves
        let served = try await admin.call(.GET, "/api/openapi.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(served.body.readableBytesView)) as? [String: Any])
        let inputs = HostileInputs(document: document, pathValues: ["name": "fixture_20260101T000000Z.dump"])
        #expect(inputs.bodiesWithoutExample.isEmpty, "JSON request bodies without an example: \(inputs.bodiesWithoutExample)")
        let requests = inputs.requests()
        #expect(requests.count > 300, "only \(requests.count) requests derived")

        // When each is sent, operation by operation
        var failures: [String] = []
        for operation in Dictionary(grouping: requests, by: \.operationId).sorted(by: { $0.key < $1.key }) {
            let before = try await Self.snapshot(admin)
            for request in operation.value {
                let json = request.body.map { String(decoding: $0, as: UTF8.self) }
                let reply = try await admin.call(HTTPMethod(rawValue: request.method.uppercased()), request.url, json: json)
                if let problem = Self.problem(with: reply, for: request) { failures.append("\(request): \(problem)") }
            }
            // Then nothing stored changed
            let after = try await Self.snapshot(admin)
            for (path, text) in before where after[path] != text {
                failures.append("\(operation.key) changed \(path):\n  before \(text)\n  after  \(after[path] ?? "")")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(requests.count):\n\(failures.prefix(40).joined(separator: "\n"))")
        #expect(!process.log.contains(" 500 "), "a 500 in the server log")
    }

    /// What is wrong with `reply` to `request`, or `nil`.
    static func problem(with reply: HTTPCaller.Reply, for request: HostileInputs.Request) -> String? {
        let error = reply.json["error"] as? [String: any Sendable]
        let field = error?["field"] as? String
        switch request.place {
        case .body where request.operationId == "login":
            // A login cannot tell a malformed password from a wrong one: 401 (or 429 once limited).
            return [401, 429].contains(reply.status) ? nil : "status \(reply.status), expected 401: \(reply.text.prefix(300))"
        case .body, .query:
            guard reply.status == 422 else { return "status \(reply.status), expected 422: \(reply.text.prefix(300))" }
            let name = request.field
            let names = field.map { $0 == name || $0.hasSuffix("." + name) || $0.hasPrefix(name + "[") } ?? false
            return names ? nil : "error field \(field ?? "none"), expected \(name)"
        case .path:
            return (400..<500).contains(reply.status) ? nil : "status \(reply.status), expected a 4xx: \(reply.text.prefix(300))"
        }
    }

    /// The stored state as the API shows it, by path (JSON with sorted keys, `last_used_at` left out).
    static func snapshot(_ admin: HTTPCaller) async throws -> [String: String] {
        var state: [String: String] = [:]
        for path in Self.state {
            let reply = try await admin.call(.GET, path)
            #expect(reply.status == 200, "\(path): \(reply.text)")
            let value = try JSONSerialization.jsonObject(with: Data(reply.body.readableBytesView))
            let text = try JSONSerialization.data(withJSONObject: withoutLastUse(value), options: [.sortedKeys])
            state[path] = String(decoding: text, as: UTF8.self)
        }
        return state
    }

    private static func withoutLastUse(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "last_used_at" }.mapValues(withoutLastUse)
        }
        if let array = value as? [Any] { return array.map(withoutLastUse) }
        return value
    }
}
