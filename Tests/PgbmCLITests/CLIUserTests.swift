import BackupRepository
import Foundation
import TestSupport
import Testing

@Suite("pgbm-cli user")
struct CLIUserTests {
    static let password = "cli-user-password-1"

    @Test("create from PGBM_USER_PASSWORD or --password-file, list, set-password and delete, each audited")
    func roundTrip() async throws {
        // Given an admin created from the environment and a viewer from a file
        let fixture = try CLIStoreFixture()
        let admin = try fixture.object(
            ["user", "create", "--username", "root", "--role", "admin"], environment: ["PGBM_USER_PASSWORD": Self.password])
        #expect(admin["role"] as? String == "admin" && admin["username"] as? String == "root")
        #expect(admin["password_hash"] == nil)
        let file = fixture.directory.path("password.txt")
        try "viewer-password-22\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try fixture.object(["user", "create", "--username", "carol", "--password-file", file])

        // Then both are listed, the hashes are bcrypt
        #expect(try fixture.list(["user", "list"]).map { $0["username"] as? String } == ["carol", "root"])
        let store = try fixture.store()
        #expect(try await store.user(named: "carol")?.role == .viewer)
        #expect(try await store.user(named: "root")?.passwordHash.hasPrefix("$2") == true)
        let before = try #require(try await store.user(named: "carol")?.passwordHash)

        // When carol's password is set and carol is deleted
        _ = try fixture.object(
            ["user", "set-password", "--username", "carol"], environment: ["PGBM_USER_PASSWORD": "another-password-3"])
        #expect(try await store.user(named: "carol")?.passwordHash != before)
        _ = try fixture.object(["user", "delete", "--username", "carol"])
        #expect(try await store.user(named: "carol") == nil)

        // Then every change is audited by the CLI, without the passwords
        let events = try await fixture.auditEvents().filter { $0.targetType == "user" }
        #expect(events.map(\.action) == ["user.create", "user.create", "user.update", "user.delete"])
        #expect(events.allSatisfy { $0.actorKind == .cli && !$0.details.contains("password-") })
    }

    @Test("a short password, an unknown role or user, and deleting the last admin exit 64 with a message")
    func refusals() throws {
        let fixture = try CLIStoreFixture()
        let short = try fixture.run(["user", "create", "--username", "root"], environment: ["PGBM_USER_PASSWORD": "short"])
        #expect(short.status == 64 && short.stderrText.contains("password: must be at least 12 characters"))
        #expect(!short.stderrText.contains("short\n"))
        let role = try fixture.run(
            ["user", "create", "--username", "root", "--role", "owner"], environment: ["PGBM_USER_PASSWORD": Self.password])
        #expect(role.status == 64 && role.stderrText.contains("role"))

        _ = try fixture.object(
            ["user", "create", "--username", "root", "--role", "admin"], environment: ["PGBM_USER_PASSWORD": Self.password])
        let last = try fixture.run(["user", "delete", "--username", "root"])
        #expect(last.status == 64 && last.stderrText.contains("last enabled admin"), "\(last.stderrText)")
        let unknown = try fixture.run(["user", "delete", "--username", "nobody"])
        #expect(unknown.status == 64 && unknown.stderrText.contains("nobody"))
        let taken = try fixture.run(
            ["user", "create", "--username", "root"], environment: ["PGBM_USER_PASSWORD": Self.password])
        #expect(taken.status == 64)
    }

    @Test(
        "a password file with a NUL byte, a control character or more than 72 bytes exits 64 naming the password; no user is stored",
        arguments: [
            ("\u{0}AAAAAAAAAAAAAA", "must not contain control characters (U+0000 at position 1)"),
            ("Secret\u{1B}AAAAAAAAAAAAAA", "must not contain control characters (U+001B at position 7)"),
            (String(repeating: "A", count: 73), "must be at most 72 bytes long"),
        ])
    func passwordBcryptCannotHash(password: String, message: String) async throws {
        // Given a password file bcrypt would cut short (at the NUL, after 72 bytes) or a control character
        let fixture = try CLIStoreFixture()
        let file = fixture.directory.path("password.txt")
        try Data(password.utf8).write(to: URL(fileURLWithPath: file))
        // When a user is created with it
        let result = try fixture.run(["user", "create", "--username", "root", "--password-file", file])
        // Then the command refuses it, saying why, and stores nothing
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains("password: \(message)"), "\(result.stderrText)")
        #expect(try await fixture.store().users().isEmpty)
    }

    @Test("without a password source and without a terminal the command says how to give one")
    func noPassword() throws {
        let fixture = try CLIStoreFixture()
        let result = try fixture.run(["user", "create", "--username", "root"], environment: ["PGBM_USER_PASSWORD": nil])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("PGBM_USER_PASSWORD"), "\(result.stderrText)")
    }
}
