@testable import BackupStorage
import Foundation
import NIOHTTP1
import Testing

/// Answers moto cannot produce (regions, clock skew, throttling), mapped from real S3 response shapes.
@Suite("S3 error mapping")
struct S3ErrorMappingTests {
    let context = S3ErrorContext(
        endpoint: "https://s3.us-east-1.amazonaws.com", bucket: "backups", key: nil, region: "us-east-1",
        accessKey: "AKIA…WXYZ", operation: "use the bucket")

    func failure(_ status: HTTPResponseStatus, headers: [(String, String)] = [], body: String = "") -> S3Failure {
        S3Failure.response(status: status, headers: HTTPHeaders(headers), body: Data(body.utf8), context: context)
    }

    @Test("a HEAD answered 301 with the bucket's region names that region")
    func wrongRegionFromHeader() {
        let result = failure(.movedPermanently, headers: [("x-amz-bucket-region", "eu-west-1")])
        #expect(result.error.code == .wrongRegion)
        #expect(result.error.region == "eu-west-1")
        #expect(result.error.message == "bucket \"backups\" is in region eu-west-1, but region us-east-1 is configured")
        #expect(!result.retryable)
    }

    @Test("an AuthorizationHeaderMalformed naming another region is a wrong region")
    func wrongRegionFromBody() {
        let body = "<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is wrong; expecting 'ap-south-1'</Message><Region>ap-south-1</Region></Error>"
        let result = failure(.badRequest, body: body)
        #expect(result.error.code == .wrongRegion)
        #expect(result.error.region == "ap-south-1")
    }

    @Test("RequestTimeTooSkewed is clock skew, with the fix in the message")
    func clockSkew() {
        let result = failure(.forbidden, body: "<Error><Code>RequestTimeTooSkewed</Code><Message>too skewed</Message></Error>")
        #expect(result.error.code == .clockSkew)
        #expect(result.error.message.contains("NTP"))
        #expect(!result.retryable)
    }

    @Test("throttling, server errors and damaged bodies are retried; other client errors are not", arguments: [
        (503, "SlowDown", true), (500, "InternalError", true), (429, "TooManyRequests", true),
        (400, "RequestTimeout", true), (403, "AccessDenied", false), (404, "NoSuchBucket", false),
        (400, "InvalidArgument", false), (400, "BadDigest", true), (400, "XAmzContentSHA256Mismatch", true),
    ])
    func retryable(status: Int, code: String, retryable: Bool) {
        let result = failure(HTTPResponseStatus(statusCode: status), body: "<Error><Code>\(code)</Code><Message>m</Message></Error>")
        #expect(result.retryable == retryable)
    }

    @Test("access denied names the operation and the shortened key id")
    func accessDenied() {
        let result = failure(.forbidden, body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")
        #expect(result.error.code == .accessDenied)
        #expect(result.error.message.contains("AKIA…WXYZ may not use the bucket"))
    }
}
