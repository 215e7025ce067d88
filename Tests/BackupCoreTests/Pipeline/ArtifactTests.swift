import BackupCore
import Foundation
import TestSupport
import Testing

@Suite("Backup artifacts: names, manifests, free space")
struct ArtifactTests {
    @Test("file names follow design §4", arguments: [
        ("custom", true, true, "app_20261126T020000Z.dump.zst.enc"),
        ("custom", false, false, "app_20261126T020000Z.dump"),
        ("plain", true, false, "app_20261126T020000Z.sql.zst"),
        ("directory", false, true, "app_20261126T020000Z.tar.enc"),
    ])
    func names(format: String, compressed: Bool, encrypted: Bool, expected: String) {
        let name = ArtifactName(
            slug: "app", startedAt: Date(timeIntervalSince1970: 1_795_658_400.75), format: format, compressed: compressed,
            encrypted: encrypted)
        #expect(name.description == expected)
        #expect(name.relativePath == "app/" + expected)
    }

    @Test("stamps are UTC and zero-padded, also before 1970 and on leap days")
    func stamps() {
        #expect(ArtifactName(slug: "a", startedAt: Date(timeIntervalSince1970: 0), compressed: false, encrypted: false).description
            == "a_19700101T000000Z.dump")
        #expect(ArtifactName(slug: "a", startedAt: Date(timeIntervalSince1970: -1), compressed: false, encrypted: false).description
            == "a_19691231T235959Z.dump")
        #expect(ArtifactName(slug: "a", startedAt: Date(timeIntervalSince1970: 1_709_164_805), compressed: false, encrypted: false).description
            == "a_20240229T000005Z.dump")
    }

    @Test("a manifest round-trips through its snake_case JSON")
    func manifest() throws {
        let manifest = BackupManifest(
            installationId: "inst-1", databaseId: 3, databaseName: "Billing", databaseSlug: "billing",
            fileName: "billing_20261126T020000Z.dump.zst.enc", serverVersion: "15.8", pgDumpVersion: "16.2", pgDumpMajor: 16,
            format: "custom", compression: "zstd", startedAt: Date(timeIntervalSince1970: 1_795_658_400),
            finishedAt: Date(timeIntervalSince1970: 1_795_658_460), sizeBytes: 1234, sha256: String(repeating: "ab", count: 32),
            encrypted: true, iterations: 600_000, passphraseId: "p1", scheduleId: nil, runId: 9,
            verification: .init(result: "passed", at: Date(timeIntervalSince1970: 1_795_658_470)))
        let json = try manifest.encoded()
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""installation_id" : "inst-1""#))
        #expect(text.contains(#""pg_dump_major" : 16"#))
        #expect(text.contains(#""started_at" : "2026-11-26T02:00:00Z""#))
        #expect(try BackupManifest.decode(json) == manifest)
        #expect(throws: DecodingError.self) { try BackupManifest.decode(Data("{}".utf8)) }
    }

    @Test("the free-space check fails early with both numbers")
    func freeSpace() throws {
        let dir = try TemporaryDirectory()
        let available = try #require(FreeSpace.available(at: dir.url.path))
        #expect(throws: Never.self) { try FreeSpace.check(folder: dir.url.path, expected: 1 << 20) }
        let failure = #expect(throws: BackupError.self) { try FreeSpace.check(folder: dir.url.path, expected: available) }
        #expect(failure?.code == .backupDiskFull)
        #expect(failure?.message.contains("not enough free space in \(dir.url.path)") == true, "\(failure?.message ?? "")")
    }
}
