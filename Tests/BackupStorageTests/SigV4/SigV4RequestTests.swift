import Foundation
import TestSupport
import Testing

@testable import BackupStorage

/// Encoding, canonical forms and edge cases of ``SigV4Request`` and ``SigV4Signer`` without a reference.
@Suite("SigV4 encoding and canonical forms")
struct SigV4RequestTests {
    static let signer = SigV4Signer(
        credentials: SigV4Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret"), region: "us-east-1")

    @Test(
        "paths are encoded once, slashes kept, unreserved characters left alone",
        arguments: [
            ("/bucket/my key+(1)=~ü.txt", "/bucket/my%20key%2B%281%29%3D~%C3%BC.txt"),
            ("/my key", "/my%20key"),
            ("", "/"),
            ("no-leading-slash/a b", "/no-leading-slash/a%20b"),
            ("/a//b///c/", "/a//b///c/"),
            ("/already%20encoded", "/already%2520encoded"),
            ("/!*'();:@&=+$,?#[]", "/%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%3F%23%5B%5D"),
            ("/AZaz09-_.~", "/AZaz09-_.~"),
            ("/漢字/😀", "/%E6%BC%A2%E5%AD%97/%F0%9F%98%80"),
        ])
    func encodedPath(raw: String, encoded: String) {
        #expect(SigV4Request(method: "GET", host: "h", path: raw).encodedPath == encoded)
    }

    @Test("the canonical query encodes / and =, sorts by encoded name then value, and writes name= for empty values")
    func canonicalQuery() {
        // Given parameters out of order, repeated, empty and with reserved characters
        let request = SigV4Request(
            method: "GET", host: "h", path: "/",
            query: [
                (name: "prefix", value: "a b/c"), (name: "list-type", value: "2"),
                (name: "continuation-token", value: "x/y=z+"), (name: "uploads", value: ""),
                (name: "a", value: "2"), (name: "a", value: "10"), (name: "a", value: ""),
                (name: "a b", value: "1"), (name: "a-b", value: "1"), (name: "Z", value: "1"),
            ])
        // Then the canonical form is sorted bytewise on the encoded text
        #expect(
            request.canonicalQueryString == "Z=1&a=&a=10&a=2&a%20b=1&a-b=1&continuation-token=x%2Fy%3Dz%2B"
                + "&list-type=2&prefix=a%20b%2Fc&uploads=")
        #expect(SigV4Request(method: "GET", host: "h", path: "/").canonicalQueryString == "")
    }

    @Test("the URL carries exactly the encoded path and query, in the given order")
    func urlIsExact() {
        let request = SigV4Request(
            method: "GET", scheme: "http", host: "localhost:9000", path: "/bucket/my key+(1)=~ü%.txt",
            query: [(name: "uploads", value: ""), (name: "prefix", value: "a b/c")])
        let url = request.url
        #expect(
            url.absoluteString
                == "http://localhost:9000/bucket/my%20key%2B%281%29%3D~%C3%BC%25.txt?uploads&prefix=a%20b%2Fc")
        #expect(url.host == "localhost")
        #expect(url.port == 9000)
    }

    @Test("a host that cannot form a URL still gives a URL, without crashing")
    func unusableHost() {
        let url = SigV4Request(method: "GET", scheme: "ht tp", host: "bad host[", path: "/k").url
        #expect(url.absoluteString.hasSuffix("/k"))
    }

    @Test("header names are lower-cased, values trimmed with inner white space collapsed, repeats joined with commas")
    func canonicalHeaders() {
        let (canonical, signed) = SigV4Request.canonicalHeaders([
            (name: "X-Amz-Meta-A", value: "  a   b\t\t c  "), (name: "Content-Type", value: "text/plain"),
            (name: " x-amz-meta-a ", value: "second"), (name: "x-amz-meta-empty", value: "   "),
        ])
        #expect(canonical == "content-type:text/plain\nx-amz-meta-a:a b c,second\nx-amz-meta-empty:\n")
        #expect(signed == "content-type;x-amz-meta-a;x-amz-meta-empty")
    }

    @Test("hop-by-hop headers are not signed, stale signer headers are ignored, host is added when missing")
    func headerSelection() {
        // Given a request with client-owned headers, stale signature headers and no host
        let request = SigV4Request(
            method: "PUT", host: "s3.example.com:9000", path: "/b/k",
            headers: [
                (name: "User-Agent", value: "pgbm"), (name: "Expect", value: "100-continue"),
                (name: "Transfer-Encoding", value: "chunked"), (name: "X-Amz-Date", value: "19990101T000000Z"),
                (name: "Authorization", value: "stale"), (name: "Content-MD5", value: "1B2M2Y8AsgTpgAmY7PhCfg=="),
            ])
        // When it is signed
        let (headers, computation) = Self.signer.headerSigning(
            request, payload: .unsigned, date: Date(timeIntervalSince1970: 0))
        // Then only the meaningful headers are signed, with the host from the request
        #expect(computation.signedHeaders == "content-md5;host;x-amz-content-sha256;x-amz-date")
        #expect(computation.canonicalRequest.contains("\nhost:s3.example.com:9000\n"))
        #expect(computation.canonicalRequest.contains("\nx-amz-date:19700101T000000Z\n"))
        #expect(computation.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(headers.first { $0.name == "x-amz-content-sha256" }?.value == "UNSIGNED-PAYLOAD")
    }

    @Test("an explicit host header wins over the request's host")
    func explicitHost() {
        let request = SigV4Request(
            method: "GET", host: "a.example", path: "/", headers: [(name: "Host", value: "b.example")])
        let computation = Self.signer.headerSigning(request, payload: .empty, date: Date()).computation
        #expect(computation.canonicalRequest.contains("\nhost:b.example\n"))
        #expect(!computation.canonicalRequest.contains("a.example"))
    }

    @Test("presigned lifetimes are clamped to 1 second through 7 days, stale auth parameters replaced")
    func presignClamping() {
        let request = SigV4Request(
            method: "GET", host: "h", path: "/k",
            query: [(name: "X-Amz-Signature", value: "stale"), (name: "x-amz-expires", value: "9")])
        let date = Date(timeIntervalSince1970: 0)
        let short = Self.signer.presignedURL(request, expires: 0, date: date).absoluteString
        let long = Self.signer.presignedURL(request, expires: 10_000_000, date: date).absoluteString
        #expect(short.contains("&X-Amz-Expires=1&") && long.contains("&X-Amz-Expires=604800&"))
        #expect(!short.contains("stale") && !short.contains("x-amz-expires"))
        #expect(short.components(separatedBy: "X-Amz-Signature=").count == 2)
    }

    @Test(
        "timestamps are UTC, whole seconds, clamped to years 1 through 9999",
        arguments: [
            (0.0, "19700101T000000Z"), (1_369_353_600.999, "20130524T000000Z"), (951_782_400, "20000229T000000Z"),
            (-1, "19691231T235959Z"), (4_107_542_399, "21000228T235959Z"), (253_402_300_799, "99991231T235959Z"),
            (.infinity, "99991231T235959Z"), (-.infinity, "00010101T000000Z"), (.nan, "19700101T000000Z"),
        ])
    func timestamps(seconds: Double, expected: String) {
        let time = SigV4Signer.Timestamp(Date(timeIntervalSince1970: seconds))
        #expect(time.amzDate == expected)
        #expect(time.dateStamp == String(expected.prefix(8)))
    }

    @Test("timestamps agree with Foundation's ISO 8601 formatting", arguments: 0..<40)
    func timestampsMatchFoundation(index: Int) {
        var generator = SigV4CaseGenerator.Random(seed: UInt64(index) &+ 0xDA7E)
        let date = Date(
            timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000...5_000_000_000, using: &generator)))
        let iso = date.formatted(.iso8601).replacingOccurrences(of: "-", with: "").replacingOccurrences(
            of: ":", with: "")
        #expect(SigV4Signer.Timestamp(date).amzDate == iso)
    }

    @Test("payload hashes: empty equals the hash of no bytes, hex is lowercased")
    func payloads() {
        #expect(SigV4Payload.sha256(of: Data()).contentSHA256 == SigV4Payload.empty.contentSHA256)
        #expect(
            SigV4Payload.sha256(of: [UInt8]("Welcome to Amazon S3.".utf8))
                == .sha256(hex: "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"))
        #expect(SigV4Payload.sha256(hex: "ABCDEF").contentSHA256 == "abcdef")
        #expect(SigV4Payload.unsigned.contentSHA256 == "UNSIGNED-PAYLOAD")
    }
}
