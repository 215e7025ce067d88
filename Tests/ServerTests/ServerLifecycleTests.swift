import Foundation
import TestSupport
import Testing

@Suite("pgbm-server process", .serialized, .timeLimit(.minutes(1)))
struct ServerLifecycleTests {
    @Test func servesHealthAndStopsCleanlyOnSigterm() async throws {
        // Given the built server started with fresh folders on a free port
        let server = try ServerProcess()
        try server.start()
        // When its health route answers
        let body = try await server.waitUntilHealthy(timeout: .seconds(20))
        let health = try #require(body, "no healthy answer within 20 s; log:\n\(server.log)")
        #expect(health.contains(#""status":"ok""#))
        #expect(try await server.get("/api/config/databases", status: 401)?.contains("unauthenticated") == true)
        // Then SIGTERM stops it with exit code 0 within 10 s
        let status = try await server.terminate(timeout: .seconds(10))
        #expect(status == 0, "exit status \(String(describing: status)); log:\n\(server.log)")
        #expect(server.log.contains("HTTP API listening"))
        #expect(server.log.contains("pgbm-server stopped"))
        // And the store and the master key were created in the data folder
        #expect(FileManager.default.fileExists(atPath: server.directory.path("data/backup_manager.db")))
    }
}
