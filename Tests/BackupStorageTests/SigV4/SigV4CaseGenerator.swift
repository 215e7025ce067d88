import Foundation
import TestSupport

@testable import BackupStorage

/// Seeded, reproducible S3 requests with awkward keys, queries and headers, for the differential tests.
struct SigV4CaseGenerator {
    /// One generated request and everything needed to sign it.
    struct Case {
        var id: Int
        var request: SigV4Request
        var payload: SigV4Payload
        var body: [UInt8]
        var credentials: SigV4Credentials
        var region: String
        var date: Date
        var expires: Int
    }

    /// SplitMix64: a small generator whose output depends only on its seed.
    typealias Random = SplitMix64

    var random: Random

    init(seed: UInt64) { random = Random(seed: seed) }

    static let keyPieces = [
        "backup", "db", "2026-01-02", "a b", "x+y", "k=v", "~tilde", "(1)", "bang!", "star*", "it's", "100%",
        "a&b", "what?", "$dollar", "@at", "semi;colon", "com,ma", "co:lon", "hash#", "[br]", "ä", "漢字", "😀",
        "ü.txt", "dot.dot", "_-_", "  two  spaces", "%20", "%2F", "tab\tin", "q\"uote", "back\\slash", "<>", "{}",
        "|pipe", "^caret", "`tick",
    ]
    static let textPieces = ["a b", "x/y", "=", "+", "&", "?", "~", "%", "ä漢字😀", "photos/2026/", "a=b&c=d", "#"]
    static let tokenAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
    static let hosts: [(scheme: String, host: String)] = [
        ("https", "s3.us-east-1.amazonaws.com"), ("https", "examplebucket.s3.amazonaws.com"),
        ("http", "localhost:9000"), ("http", "127.0.0.1:9000"), ("https", "minio.internal:9443"),
        ("https", "s3.eu-central-1.amazonaws.com"),
    ]

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func text(_ pieces: [String], count: ClosedRange<Int>) -> String {
        (0..<Int.random(in: count, using: &random)).map { _ in pick(pieces) }.joined()
    }

    mutating func token(length: Int) -> String {
        String((0..<length).map { _ in pick(Self.tokenAlphabet) })
    }

    /// A raw path: path or virtual-hosted style, 1–4 segments, sometimes with empty segments or a trailing `/`.
    mutating func path() -> String {
        var segments = (0..<Int.random(in: 1...4, using: &random)).map { _ in text(Self.keyPieces, count: 1...3) }
        if chance(15) { segments.insert("", at: Int.random(in: 0...segments.count, using: &random)) }
        if chance(10) { segments.append("") }
        if chance(50) { segments.insert("bucket-\(Int.random(in: 1...9, using: &random))", at: 0) }
        if chance(5) { return "/" }
        return "/" + segments.joined(separator: "/")
    }

    /// Raw query parameters modelled on S3's operations plus random ones; never a repeated name when
    /// `unique` (botocore's presigner keeps one value per name).
    mutating func query(unique: Bool) -> [(name: String, value: String)] {
        var parameters: [(name: String, value: String)]
        switch Int.random(in: 0..<7, using: &random) {
        case 0: parameters = []
        case 1:
            parameters = [
                (name: "list-type", value: "2"), (name: "prefix", value: text(Self.textPieces, count: 0...3)),
            ]
            if chance(50) { parameters.append((name: "continuation-token", value: token(length: 24))) }
            if chance(50) { parameters.append((name: "delimiter", value: "/")) }
            if chance(30) { parameters.append((name: "start-after", value: text(Self.keyPieces, count: 1...2))) }
        case 2: parameters = [(name: "uploads", value: "")]
        case 3:
            parameters = [
                (name: "partNumber", value: String(Int.random(in: 1...10_000, using: &random))),
                (name: "uploadId", value: token(length: 32)),
            ]
        case 4: parameters = [(name: "versionId", value: token(length: 16)), (name: "delete", value: "")]
        case 5:
            parameters = [
                (
                    name: "response-content-disposition",
                    value: "attachment; filename=\"\(text(Self.keyPieces, count: 1...2))\""
                ),
                (name: "response-content-type", value: "text/plain; charset=utf-8"),
            ]
        default:
            parameters = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                (
                    name: text(Self.textPieces + ["a", "b", "Z"], count: 1...2),
                    value: text(Self.textPieces, count: 0...2)
                )
            }
            if !unique && chance(50), let first = parameters.first {
                parameters.append((name: first.name, value: text(Self.textPieces, count: 0...2)))
            }
        }
        if unique {
            var seen = Set<String>()
            parameters = parameters.filter { seen.insert($0.name).inserted }
        }
        return parameters.shuffled(using: &random)
    }

    /// Headers with awkward white space, mixed-case and repeated names, and headers botocore and pgbm skip.
    mutating func headers(host: String) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if chance(70) { headers.append((name: pick(["host", "Host", "HOST"]), value: host)) }
        if chance(50) {
            headers.append(
                (
                    name: "Content-Type",
                    value: pick(["application/octet-stream", "text/plain;   charset=utf-8", "  application/xml "])
                ))
        }
        if chance(40) {
            headers.append((name: "Range", value: pick(["bytes=0-9", "bytes=100-", "  bytes=0-\t 99  "])))
        }
        if chance(40) { headers.append((name: "Content-MD5", value: " " + token(length: 22) + "==")) }
        if chance(40) { headers.append((name: "x-amz-checksum-sha256", value: "  " + token(length: 43) + "=   ")) }
        for index in 0..<Int.random(in: 0...3, using: &random) {
            let value = pick(["  padded  ", "a   b\t\tc", "Jürgen 漢字", "", "x,y", "tab\there", "\t lead"])
            headers.append((name: pick(["x-amz-meta-", "X-Amz-Meta-", "x-AMZ-meta-"]) + "k\(index)", value: value))
        }
        if chance(25) {
            headers += [(name: "x-amz-meta-dup", value: "first  one"), (name: "X-Amz-Meta-Dup", value: " second ")]
        }
        if chance(20) { headers.append((name: "x-amz-storage-class", value: "STANDARD_IA")) }
        if chance(20) { headers.append((name: "User-Agent", value: "pgbm/1.0")) }
        if chance(10) { headers.append((name: "Expect", value: "100-continue")) }
        if chance(10) { headers.append((name: "X-Amz-Date", value: "19990101T000000Z")) }
        return headers.shuffled(using: &random)
    }

    mutating func credentials() -> SigV4Credentials {
        SigV4Credentials(
            accessKeyId: pick(["AKIAIOSFODNN7EXAMPLE", "minioadmin", "GK31c2f218a2e44f485b94239e"]),
            secretAccessKey: pick(["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "minio+admin/secret=", "ä-secret"]),
            sessionToken: chance(30) ? token(length: 60) : nil)
    }

    /// The next request.
    mutating func next(id: Int, presign: Bool = false) -> Case {
        let (scheme, host) = pick(Self.hosts)
        let body = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let payload: SigV4Payload = pick([.sha256(of: body), .unsigned, .empty])
        let request = SigV4Request(
            method: pick(["GET", "PUT", "HEAD", "DELETE", "POST"]), scheme: scheme, host: host, path: path(),
            query: query(unique: presign), headers: presign ? [] : headers(host: host))
        return Case(
            id: id, request: request, payload: payload, body: payload == .empty ? [] : body,
            credentials: credentials(), region: pick(["us-east-1", "eu-central-1", "ap-southeast-2", "garage"]),
            date: Date(
                timeIntervalSince1970: Double(Int.random(in: 946_684_800...2_208_988_800, using: &random))
                    + Double(Int.random(in: 0..<1_000, using: &random)) / 1_000),
            expires: Int.random(in: 1...SigV4Signer.maximumExpiry, using: &random))
    }
}
