import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The S3 servers the storage module is tested against are up; the authenticated one refuses unsigned requests.
@Suite("S3 test servers", .enabled(if: TestServices.available("PGBM_TEST_S3_ENDPOINT", "PGBM_TEST_S3_NOAUTH_ENDPOINT"), "run Scripts/test"))
struct S3ServicesTests {
    func status(_ endpoint: String, path: String = "/") async throws -> Int {
        let (_, response) = try await URLSession.shared.data(from: URL(string: endpoint + path)!)
        return (response as! HTTPURLResponse).statusCode
    }

    @Test("the server without authentication lists buckets for anyone")
    func noAuthServerAnswers() async throws {
        #expect(try await status(try TestServices.value("PGBM_TEST_S3_NOAUTH_ENDPOINT")) == 200)
    }

    /// Lists buckets with boto3 (a reference SigV4 client) and prints the outcome's error code or "ok".
    func listBuckets(secret: String) throws -> String {
        let script = """
            import boto3, botocore, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                              aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            try:
                s3.list_buckets(); print("ok")
            except botocore.exceptions.ClientError as e:
                print(e.response["Error"]["Code"])
            """
        let result = try ProcessRunner.run(
            "/bin/sh", ["-c", "exec python3 -c \"$0\" \"$@\"", script,
                        try TestServices.value("PGBM_TEST_S3_ENDPOINT"), try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"), secret])
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the server with authentication accepts the right secret and rejects a wrong one")
    func authServerChecksSignatures() throws {
        #expect(try listBuckets(secret: TestServices.value("PGBM_TEST_S3_SECRET_KEY")) == "ok")
        #expect(try listBuckets(secret: "wrong-secret-0000000000000000000000000000") == "SignatureDoesNotMatch")
    }
}
