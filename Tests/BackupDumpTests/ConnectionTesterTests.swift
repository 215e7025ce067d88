import BackupDump
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// The libpq connection test against the real PostgreSQL 15 and 16 servers, and against ports where
/// nothing answers.
@Suite("Connection test", .enabled(if: TestServer.available, "run Scripts/test"), .timeLimit(.minutes(1)))
struct ConnectionTesterTests {
    let tester = ConnectionTester()

    @Test("a good connection reports the server's major, the database size and no SSL", arguments: TestServer.all)
    func succeeds(server: TestServer) async throws {
        let info = try await tester.test(try server.settings())
        #expect(info.version.major == server.major)
        #expect(info.version.text.hasPrefix("\(server.major)."))
        #expect(info.databaseSize > 0)
        #expect(info.sslInUse == false)
    }

    @Test(
        "a password role: the right password connects, a wrong one is rejected, none is asked for",
        arguments: TestServer.all)
    func passwords(server: TestServer) async throws {
        // Given a role that must give its scram-sha-256 password over TCP
        let password = "right-\(UUID().uuidString)"
        try await server.withRole(password: password) { role in
            // When / Then: the right password
            let info = try await tester.test(try server.settings(user: role, password: password))
            #expect(info.version.major == server.major)

            // a wrong password
            let wrong = "wrong-canary-\(UUID().uuidString)"
            let rejected = await #expect(throws: DumpError.self) {
                try await tester.test(try server.settings(user: role, password: wrong))
            }
            #expect(rejected?.code == .passwordRejected)
            #expect(
                rejected?.description
                    == "the server at \(try server.host):\(try server.port) rejected the password of user \"\(role)\"")
            #expect(rejected?.connection?.serverMessage.contains("password authentication failed") == true)
            #expect(rejected.map { "\($0) \($0.connection?.serverMessage ?? "")".contains(wrong) } == false)

            // no password
            let missing = await #expect(throws: DumpError.self) {
                try await tester.test(try server.settings(user: role))
            }
            #expect(missing?.code == .passwordRequired)
        }
    }

    @Test("a missing database has its own error", arguments: TestServer.all)
    func missingDatabase(server: TestServer) async throws {
        let error = await #expect(throws: DumpError.self) {
            try await tester.test(try server.settings(database: "pgbm_no_such_db"))
        }
        #expect(error?.code == .databaseNotFound)
        #expect(
            error?.description == "database \"pgbm_no_such_db\" does not exist on \(try server.host):\(try server.port)"
        )
    }

    @Test("sslmode=require against a server without SSL", arguments: TestServer.all)
    func sslRequiredButUnavailable(server: TestServer) async throws {
        var settings = try server.settings()
        settings.sslMode = .require
        let error = await #expect(throws: DumpError.self) { try await tester.test(settings) }
        #expect(error?.code == .sslUnavailable)
        #expect(error?.description.contains("does not support SSL") == true)
    }

    @Test("a closed port is unreachable")
    func closedPort() async throws {
        let port = try FreePort.next()
        let settings = ConnectionSettings(host: "127.0.0.1", port: port, database: "postgres", user: "postgres")
        let error = await #expect(throws: DumpError.self) { try await tester.test(settings) }
        #expect(error?.code == .unreachable)
        #expect(error?.description == "cannot reach 127.0.0.1:\(port): Connection refused")
    }

    @Test("a server that accepts and stays silent times out after connect_timeout")
    func silentServer() async throws {
        // Given a socket that completes the TCP handshake and never answers
        let listener = try SilentListener()
        let settings = ConnectionSettings(
            host: "127.0.0.1", port: listener.port, database: "postgres", user: "postgres", connectTimeout: .seconds(2))

        // When
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: DumpError.self) { try await tester.test(settings) }

        // Then
        #expect(error?.code == .timeout)
        #expect(error?.description == "no answer from 127.0.0.1:\(listener.port) within the connect timeout of 2 s")
        #expect(clock.now - started < .seconds(60), "gave up long before the OS would (generous: CI may be loaded)")
    }
}
