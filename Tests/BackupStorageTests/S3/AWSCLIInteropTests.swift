import AsyncHTTPClient
import BackupStorage
import Foundation
import TestSupport
import Testing

/// Objects written by pgbm are read by `aws s3 cp` and the other way round (multipart both ways).
@Suite("S3 interoperability with the AWS CLI", .enabled(if: S3Fixture.available, "run Scripts/test"), .timeLimit(.minutes(3)))
struct AWSCLIInteropTests {
    func aws(_ arguments: [String]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(
            "/bin/sh", ["-c", "exec python3 -m awscli \"$@\"", "aws"] + arguments + ["--endpoint-url", S3Fixture.endpoint(.authenticated)],
            environment: [
                "AWS_ACCESS_KEY_ID": try TestServices.value("PGBM_TEST_S3_ACCESS_KEY"),
                "AWS_SECRET_ACCESS_KEY": try TestServices.value("PGBM_TEST_S3_SECRET_KEY"),
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            ])
    }

    @Test("aws s3 cp downloads what pgbm uploaded, byte-identical")
    func awsReadsPgbm() async throws {
        let dir = try TemporaryDirectory()
        let (path, _) = try S3Fixture.file(size: 11 << 20, in: dir)
        let configuration = try S3Fixture.configuration()
        try await S3Fixture.client(configuration).upload(file: path, key: "interop/from-pgbm.bin")
        let result = try aws(["s3", "cp", "s3://\(configuration.bucket)/interop/from-pgbm.bin", dir.path("by-aws")])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(FileManager.default.contentsEqual(atPath: path, andPath: dir.path("by-aws")))
    }

    @Test("pgbm downloads what aws s3 cp uploaded with multipart")
    func pgbmReadsAWS() async throws {
        let dir = try TemporaryDirectory()
        let (path, sha256) = try S3Fixture.file(size: 20 << 20, in: dir)
        let configuration = try S3Fixture.configuration()
        let client = try await S3Fixture.client(configuration)
        let result = try aws(["s3", "cp", path, "s3://\(configuration.bucket)/interop/from-aws.bin"])
        #expect(result.status == 0, "\(result.stderrText)")
        let info = try await client.head(key: "interop/from-aws.bin")
        #expect(info?.etag?.contains("-") == true, "expected a multipart ETag, got \(info?.etag ?? "none")")
        #expect(try await client.download(key: "interop/from-aws.bin", to: dir.path("by-pgbm")).sha256 == sha256)
    }
}
