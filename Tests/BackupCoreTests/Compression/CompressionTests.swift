import BackupCore
import Foundation
import Testing

/// The pipeline's compression setting: manifest values, file suffixes, validation.
@Suite("Compression setting")
struct CompressionTests {
    @Test(
        "manifest value, suffix and pg_dump's part per setting",
        arguments: [
            (Compression.zstd(level: 3, workers: 2), "zstd", ".zst", true),
            (Compression.none, "none", "", false),
            (Compression.pgDumpGzip, "gzip", "", false),
        ])
    func properties(compression: Compression, manifest: String, suffix: String, pgbmCompresses: Bool) throws {
        #expect(compression.method.rawValue == manifest)
        #expect(compression.fileSuffix == suffix)
        #expect(compression.compressesInPgbm == pgbmCompresses)
        #expect(compression.pgDumpWritesUncompressed == (compression != .pgDumpGzip))
        #expect(Compression(method: compression.method, level: 3, workers: 2) == compression)
    }

    @Test("methods encode as the manifest's strings and decode back")
    func codable() throws {
        let encoded = try JSONEncoder().encode(Compression.Method.allCases)
        #expect(String(decoding: encoded, as: UTF8.self) == #"["zstd","none","gzip"]"#)
        #expect(try JSONDecoder().decode([Compression.Method].self, from: encoded) == Compression.Method.allCases)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Compression.Method.self, from: Data(#""lz4""#.utf8))
        }
    }

    @Test("the default is zstd level 3 with a worker per processor")
    func standard() throws {
        #expect(Compression.standard == .zstd(level: 3, workers: nil))
        #expect(Compression.standard.description == "zstd level 3")
        #expect(Compression.zstd(level: 5, workers: 1).description == "zstd level 5, 1 worker")
        #expect(
            "app_20261126T020000Z.dump" + Compression.standard.fileSuffix + ".enc"
                == "app_20261126T020000Z.dump.zst.enc")
    }

    @Test("validation names the field")
    func validation() {
        #expect(throws: Never.self) { try Compression.standard.validate() }
        #expect(throws: Never.self) { try Compression.pgDumpGzip.validate() }
        let error = CompressionFixture.error { try Compression.zstd(level: 3, workers: -2).validate() }
        #expect(error?.field == "compression_workers")
    }
}
