import BackupCore
import BackupCrypto
import BackupRepository
import BackupStorage
import Crypto
import Foundation
import PostgresTestSupport
import TestSupport
import Testing

@Suite("Backup pipeline: real round trips", .enabled(if: PipelineFixture.available, "needs PostgreSQL 15/16 and S3: run Scripts/test"))
struct BackupRoundTripTests {
    /// Schemas, an enum, numeric, arrays, jsonb, bytea, timestamps, 100,000 rows and large objects.
    static let richSchema = """
        CREATE SCHEMA sales;
        CREATE TYPE sales.status AS ENUM ('new', 'paid', 'shipped');
        CREATE TABLE sales.orders (id bigint PRIMARY KEY, customer text, status sales.status, amount numeric(12,2),
            tags text[], meta jsonb, payload bytea, created timestamptz);
        INSERT INTO sales.orders SELECT g, md5(g::text), (ARRAY['new','paid','shipped']::sales.status[])[1 + g % 3], g * 1.25,
            ARRAY['t' || g % 7, 'x'], jsonb_build_object('n', g, 's', md5(g::text)), decode(md5(g::text), 'hex'),
            '2026-01-01 00:00:00+00'::timestamptz + g * interval '1 minute' FROM generate_series(1, 100000) g;
        CREATE TABLE public.docs (id serial PRIMARY KEY, body json, matrix int[][]);
        INSERT INTO public.docs (body, matrix) SELECT json_build_object('k', g), ARRAY[[g, g + 1], [g + 2, g + 3]]
            FROM generate_series(1, 1000) g;
        SELECT lo_from_bytea(0, convert_to(repeat('large object ' || g, 1000), 'UTF8')) FROM generate_series(1, 5) g;
        """
    static let tables = ["public.items", "public.audit", "extra.notes", "sales.orders", "public.docs"]

    /// Row count and a checksum of every table, and of the large objects.
    static func fingerprint(_ server: TestServer, database: String) async throws -> [String] {
        var result = try await RestoreCheck.fingerprint(server, database: database, tables: tables)
        result.append("large objects " + (try await server.psql(
            "SELECT count(*) || ' ' || coalesce(md5(string_agg(md5(lo_get(oid)), '|' ORDER BY oid)), '') FROM pg_largeobject_metadata",
            database: database)))
        return result
    }

    @Test("dump, encrypt, upload, download, decrypt, restore: every row and large object comes back", arguments: TestServer.all)
    func roundTrip(server: TestServer) async throws {
        try await server.withDatabase(rows: 1000) { name in
            try await server.psql(Self.richSchema, database: name)
            let fixture = try await PipelineFixture(server: server, encrypted: true, bucket: "roundtrip-\(server.major)")
            defer { Task { await fixture.shutdown() } }
            let run = try await fixture.backUp(try await fixture.addDatabase(name))
            #expect(run.state == .succeeded, "\(run.error ?? "")")
            #expect(run.error == nil)
            let file = try #require(try await fixture.store.files(runId: run.id!).first)
            #expect(file.verificationResult == "passed")
            #expect(file.fileName.hasSuffix(".dump.zst.enc"))
            let key = try #require(file.s3Key)

            // Restore from the bucket alone, as another installation would: manifest, object, passphrase.
            let work = try TemporaryDirectory()
            let s3 = try await fixture.s3Store()
            let relative = try ObjectKey(String(key.dropFirst("pgbm/".count)))
            _ = try await s3.get(try ObjectKey(relative.rawValue + ".json"), to: work.path("manifest.json"))
            let manifest = try BackupManifest.decode(try Data(contentsOf: work.url.appendingPathComponent("manifest.json")))
            #expect(manifest.pgDumpMajor == server.major)
            #expect(manifest.passphraseId == "p1")
            let downloaded = try await s3.get(relative, to: work.path("backup.enc"))
            #expect(downloaded.sha256 == manifest.sha256)
            #expect(downloaded.size == manifest.sizeBytes)
            try await decryptAndDecompress(work.path("backup.enc"), to: work.path("archive.dump"))

            let restored = name + "_restored"
            try await server.psql("CREATE DATABASE \(restored)")
            defer { Task { _ = try? await server.psql("DROP DATABASE IF EXISTS \(restored) WITH (FORCE)") } }
            let pgRestore = try server.tool("pg_restore")
            let target = try server.databaseURL(restored)
            let result = try await offPool { try ProcessRunner.run(pgRestore, ["-d", target, "--no-owner", work.path("archive.dump")]) }
            #expect(result.status == 0, "\(result.stderrText)")
            let original = try await Self.fingerprint(server, database: name)
            #expect(original.contains { $0.hasPrefix("sales.orders 100000 ") })
            #expect(original.last?.hasPrefix("large objects 5 ") == true)
            #expect(try await Self.fingerprint(server, database: restored) == original)
        }
    }

    /// `decrypt.py | zstd -d`, in Swift: the container, then the zstd frame, streamed to a file.
    func decryptAndDecompress(_ source: String, to destination: String) async throws {
        let input = open(source, O_RDONLY)
        defer { close(input) }
        _ = FileManager.default.createFile(atPath: destination, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: destination))
        defer { try? output.close() }
        let bytes = FileDescriptorBytes(descriptor: input)
        for try await block in bytes.containerDecrypted(passphrase: PipelineFixture.passphrase).zstdDecompressed() {
            try output.write(contentsOf: block)
        }
    }
}
