import Foundation
import TestSupport
import Testing

@testable import BackupStorage

/// pgbm's signer agrees with botocore's `S3SigV4Auth` and `S3SigV4QueryAuth` on a few hundred seeded,
/// awkward requests (Fixtures/sigv4_botocore.py signs the same requests, one Python run per test).
@Suite(
    "SigV4 agrees with botocore",
    .enabled(
        if: TestServices.isCI || BotocoreReference.pythonHasBotocore, "needs python3 with botocore: run Scripts/test"),
    .timeLimit(.minutes(1)))
struct SigV4DifferentialTests {
    static func signer(_ item: SigV4CaseGenerator.Case) -> SigV4Signer {
        SigV4Signer(credentials: item.credentials, region: item.region)
    }

    /// The encodings agree with Python's `quote` and botocore's own query canonicalisation.
    static func checkEncodings(_ item: SigV4CaseGenerator.Case, _ reference: BotocoreReference.Reference) {
        let request = item.request
        #expect(request.encodedPath == reference.quotedPath, "#\(item.id) path \(request.path.debugDescription)")
        #expect(reference.wirePath == reference.quotedPath, "#\(item.id) URL path \(request.url.absoluteString)")
        #expect(request.canonicalQueryString == reference.canonicalQueryFromParams, "#\(item.id) query")
        #expect(reference.canonicalQueryFromURL == reference.canonicalQueryFromParams, "#\(item.id) URL query")
    }

    @Test(
        "Authorization and x-amz-* headers equal botocore's S3SigV4Auth",
        arguments: [0x5EED_0001, 0x5EED_0002] as [UInt64])
    func headerSignatures(seed: UInt64) throws {
        // Given 160 seeded requests
        var generator = SigV4CaseGenerator(seed: seed)
        let cases = (0..<160).map { generator.next(id: $0) }
        // When botocore signs them too
        let output = try BotocoreReference.sign(headers: cases, presign: [])
        try #require(output.headerResults.count == cases.count)
        // Then every added header is the same
        var mismatches = 0
        for (item, reference) in zip(cases, output.headerResults) {
            let (headers, computation) = Self.signer(item).headerSigning(
                item.request, payload: item.payload, date: item.date)
            let ours = Dictionary(grouping: headers, by: { $0.name.lowercased() }).mapValues { $0.map(\.value) }
            if ours != reference.headers {
                mismatches += 1
                Issue.record(
                    """
                    #\(item.id) differs from botocore \(output.botocoreVersion): ours \(ours), \
                    botocore \(reference.headers ?? [:])
                    our canonical request:
                    \(computation.canonicalRequest)
                    botocore's:
                    \(reference.canonicalRequest)
                    """)
            }
            #expect(computation.stringToSign == reference.stringToSign, "#\(item.id) string to sign")
            Self.checkEncodings(item, reference)
        }
        #expect(mismatches == 0, "\(mismatches) of \(cases.count) requests signed differently")
    }

    @Test("presigned URLs equal botocore's S3SigV4QueryAuth")
    func presignedURLs() throws {
        // Given 60 seeded requests with their lifetimes
        var generator = SigV4CaseGenerator(seed: 0x5EED_0003)
        let cases = (0..<60).map { generator.next(id: $0, presign: true) }
        // When botocore presigns them too
        let output = try BotocoreReference.sign(headers: [], presign: cases)
        try #require(output.presignResults.count == cases.count)
        // Then the URLs are the same up to parameter order (botocore writes `name=` for empty values)
        for (item, reference) in zip(cases, output.presignResults) {
            let (url, computation) = Self.signer(item).presigning(item.request, expires: item.expires, date: item.date)
            let ours = Self.parts(url.absoluteString)
            let theirs = Self.parts(reference.url ?? "")
            #expect(ours.base == theirs.base, "#\(item.id)")
            #expect(
                ours.parameters == theirs.parameters, "#\(item.id): \(url.absoluteString) vs \(reference.url ?? "")")
            #expect(computation.canonicalRequest == reference.canonicalRequest, "#\(item.id)")
            Self.checkEncodings(item, reference)
        }
    }

    /// A URL split into everything before `?` and its sorted `name=value` parameters.
    static func parts(_ url: String) -> (base: Substring, parameters: [String]) {
        let pieces = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query =
            pieces.count > 1 ? pieces[1].split(separator: "&").map { $0.contains("=") ? String($0) : $0 + "=" } : []
        return (pieces[0], query.sorted())
    }
}
