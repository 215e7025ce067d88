import Foundation
import TestSupport
import Testing

/// Slow, idle and old clients against a real `pgbm-server` (issue 18, finding 2): the server's idle,
/// header and body timeouts (set to 1 s here), HTTP/1.0 without keep-alive, and the connection limit
/// under a low file-descriptor limit. The clients speak raw TCP; the read limits are bounds for a broken
/// server, not measurements.
@Suite("Slow and idle clients", .serialized, .timeLimit(.minutes(2)))
struct SlowClientTests {
    /// A healthy server with `environment` added.
    private func startServer(_ environment: [String: String], descriptorLimit: Int? = nil) async throws -> ServerProcess {
        let server = try ServerProcess(environment: environment, descriptorLimit: descriptorLimit)
        try server.start()
        #expect(try await server.waitUntilHealthy(timeout: .seconds(20)) != nil, "log:\n\(server.log)")
        return server
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        // Given a server whose idle timeout is 1 s
        let server = try await startServer(["PGBM_HTTP_IDLE_TIMEOUT": "1"])
        defer { server.stop() }
        // When a client gets an answer on a keep-alive connection and then sends nothing
        let connection = try RawConnection(port: server.port)
        connection.send("GET /api/health HTTP/1.1\r\nHost: pgbm\r\n\r\n")
        let outcome = try await connection.readUntilClosed(limit: .seconds(15))
        // Then the answer came and the server closed the connection
        #expect(outcome.received.hasPrefix("HTTP/1.1 200"), "\(outcome.received)")
        #expect(outcome.closed)
    }

    @Test func aConnectionThatNeverSendsIsClosedAfterTheIdleTimeout() async throws {
        let server = try await startServer(["PGBM_HTTP_IDLE_TIMEOUT": "1"])
        defer { server.stop() }
        let outcome = try await RawConnection(port: server.port).readUntilClosed(limit: .seconds(15))
        #expect(outcome.closed)
        #expect(outcome.received.isEmpty)
    }

    @Test func aHeadTrickledOneBytePerHalfSecondIsAnswered408() async throws {
        // Given a header timeout of 1 s (and a long idle timeout, so only the header timeout can act)
        let server = try await startServer(["PGBM_HTTP_HEADER_TIMEOUT": "1", "PGBM_HTTP_IDLE_TIMEOUT": "60"])
        defer { server.stop() }
        // When a client sends its request head one byte every 0.5 s (it would need 25 s)
        let head = "GET /api/health HTTP/1.1\r\nHost: pgbm\r\nX-Slow: aaaaaaaaaaaaaa\r\n\r\n"
        let outcome = try await RawConnection(port: server.port).trickle(head, every: .milliseconds(500), limit: .seconds(15))
        // Then the server answers 408 and closes the connection
        #expect(outcome.closed, "\(outcome.received)")
        #expect(outcome.received.hasPrefix("HTTP/1.1 408"), "\(outcome.received)")
        #expect(outcome.received.lowercased().contains("connection: close"))
    }

    @Test func aBodyTrickledOneBytePerHalfSecondIsCut() async throws {
        // Given a body timeout of 1 s at the default minimum rate (1024 bytes/s)
        let server = try await startServer(["PGBM_HTTP_BODY_TIMEOUT": "1", "PGBM_HTTP_IDLE_TIMEOUT": "60"])
        defer { server.stop() }
        // When a client announces a 200-byte JSON body and sends it one byte every 0.5 s
        let connection = try RawConnection(port: server.port)
        connection.send(
            "POST /api/auth/login HTTP/1.1\r\nHost: pgbm\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n")
        let body = #"{"username": "admin", "password": ""# + String(repeating: "x", count: 162) + #""}"#
        let outcome = try await connection.trickle(body, every: .milliseconds(500), limit: .seconds(15))
        // Then the server cuts the request (408, as no answer had started) and closes the connection
        #expect(outcome.closed, "\(outcome.received)")
        #expect(outcome.received.hasPrefix("HTTP/1.1 408"), "\(outcome.received)")
    }

    @Test func anHTTP10RequestWithoutKeepAliveIsClosedAfterItsAnswer() async throws {
        // Given a server with its default (long) idle timeout
        let server = try await startServer([:])
        defer { server.stop() }
        // When an HTTP/1.0 client asks without keep-alive
        let connection = try RawConnection(port: server.port)
        connection.send("GET /api/health HTTP/1.0\r\n\r\n")
        let outcome = try await connection.readUntilClosed(limit: .seconds(15))
        // Then it gets its answer, marked as the last on the connection, and the connection ends
        #expect(outcome.closed, "\(outcome.received)")
        #expect(outcome.received.hasPrefix("HTTP/1.0 200"), "\(outcome.received)")
        #expect(outcome.received.lowercased().contains("connection: close"))
        #expect(outcome.received.contains(#""status":"ok""#) || outcome.received.contains(#""status": "ok""#))
    }

    @Test func oneHundredFiftyIdleConnectionsDoNotKeepHealthFromAnswering() async throws {
        // Given a server limited to 128 open files (so at most 64 connections) and the default idle timeout
        let server = try await startServer([:], descriptorLimit: 128)
        defer { server.stop() }
        // When 150 clients connect and send nothing
        let idle = try (0..<150).map { _ in try RawConnection(port: server.port) }
        defer { idle.forEach { $0.close() } }
        // Then a health check on a new connection still gets its answer: the longest-waiting idle
        // connections made room
        let connection = try RawConnection(port: server.port)
        connection.send("GET /api/health HTTP/1.1\r\nHost: pgbm\r\nConnection: close\r\n\r\n")
        let outcome = try await connection.readUntilClosed(limit: .seconds(15))
        #expect(outcome.received.hasPrefix("HTTP/1.1 200"), "\(outcome.received)\nlog:\n\(server.log)")
        #expect(server.log.contains("pgbm.http.max_connections=64"), "log:\n\(server.log)")
        #expect(server.process.isRunning)
    }
}
