import BackupCore
import BackupRepository
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

/// Retention and the backup writer go through ``BackupFolder`` like downloads and deletes: nothing outside
/// the backup folder is deleted or written.
@Suite(
    "Backup pipeline: retention and writes stay inside the backup folder",
    .enabled(if: PipelineFixture.available, "needs PostgreSQL and S3: run Scripts/test"), .timeLimit(.minutes(2)))
struct BackupFolderPipelineTests {
    static let victim = "outside bytes that must survive"

    @Test("retention leaves a backup that leads out of the folder (a link, or `..` in its path) and deletes nothing outside")
    func retentionNeverDeletesOutside() async throws {
        try await Self.withDatabase { fixture, databaseId, outside in
            // Given keep-last 1 and two backups, the first a link to a file outside, the second recorded with `..`
            var policy = RetentionSettings()
            (policy.keepLast, policy.daily, policy.weekly, policy.monthly, policy.yearly) = (1, 0, 0, 0, 0)
            try await fixture.store.saveSettings(policy)
            var escaping: [String] = []
            for index in 0..<2 {
                let run = try await fixture.backUp(databaseId)
                #expect(run.state == .succeeded, "\(run.error ?? "")")
                let runId = try #require(run.id)
                var file = try #require(try await fixture.store.files(runId: runId).first)
                let path = try #require(file.localPath)
                let target = outside + "/" + file.fileName
                for suffix in ["", ".json"] {
                    try Data(Self.victim.utf8).write(to: URL(fileURLWithPath: target + suffix))
                    try FileManager.default.removeItem(atPath: path + suffix)
                    if index == 0 { try FileManager.default.createSymbolicLink(atPath: path + suffix, withDestinationPath: target + suffix) }
                }
                if index == 1 {
                    file.localPath = (path as NSString).deletingLastPathComponent + "/../../outside/" + file.fileName
                    try await fixture.store.updateFile(file)
                }
                escaping += [target, target + ".json"]
            }
            // When a third backup applies retention, which plans to delete both
            let third = try await fixture.backUp(databaseId)
            #expect(third.state == .succeeded, "\(third.error ?? "")")
            // Then the files outside are intact, both records keep their local copy, and the audit says so
            for path in escaping { #expect(FileManager.default.contents(atPath: path) == Data(Self.victim.utf8), "\(path)") }
            let files = try await fixture.store.files(databaseId: databaseId)
            #expect(files.filter { $0.localPath != nil }.count == 3)
            let audit = try #require(try await fixture.store.events(AuditFilter(action: "retention.apply"), limit: 10, cursor: nil).items.first)
            #expect(audit.outcome == .failure)
            #expect(audit.details.contains(#""left_outside_backup_folder":2"#), "\(audit.details)")
        }
    }

    @Test("a database folder that is a link leading out of the backup folder fails the backup and writes nothing there")
    func writerRefusesALinkedDatabaseFolder() async throws {
        try await Self.withDatabase { fixture, databaseId, outside in
            // Given the database's folder is a link to a folder outside
            let slug = try #require(try await fixture.store.database(id: databaseId)?.slug)
            try FileManager.default.createDirectory(atPath: fixture.directory.path("backups"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: fixture.directory.path("backups/\(slug)"), withDestinationPath: outside)
            // (and a file there that crash recovery would remove inside the folder)
            let partial = "\(slug)_20260101T000000Z.dump.partial"
            try Data(Self.victim.utf8).write(to: URL(fileURLWithPath: outside + "/" + partial))
            // When it is backed up
            let run = try await fixture.backUp(databaseId)
            // Then the run failed naming the folder, and the folder outside holds only what it held
            #expect(run.state == .failed)
            #expect(run.error?.contains("leads out of the backup folder") == true, "\(run.error ?? "")")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside) == [partial])
        }
    }

    /// Runs `body` with a pipeline fixture, a registered database of the test server, and an empty folder
    /// beside the backup folder.
    static func withDatabase(_ body: (PipelineFixture, Int64, String) async throws -> Void) async throws {
        let server = TestServer(major: 15)
        try await server.withDatabase(rows: 10) { name in
            let fixture = try await PipelineFixture(server: server, encrypted: false, bucket: nil)
            defer { Task { await fixture.shutdown() } }
            let outside = fixture.directory.path("outside")
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            try await body(fixture, try await fixture.addDatabase(name), outside)
        }
    }
}
