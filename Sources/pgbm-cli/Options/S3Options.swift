import ArgumentParser
import BackupStorage
import Foundation
import PgbmOptions

/// Where an S3 command goes. The secret key is read from `PGBM_S3_SECRET_KEY` or
/// `AWS_SECRET_ACCESS_KEY` only (arguments show in `ps`), a session token from `PGBM_S3_SESSION_TOKEN`
/// or `AWS_SESSION_TOKEN`.
struct S3Options: ParsableArguments {
    @Option(help: "Base URL of an S3-compatible server (empty: AWS). Env PGBM_S3_ENDPOINT.")
    var endpoint: String?

    @Option(help: "Bucket name. Env PGBM_S3_BUCKET.")
    var bucket: String?

    @Option(help: "Bucket region. Env PGBM_S3_REGION, default us-east-1.")
    var region: String?

    @Option(help: "Key prefix inside the bucket.")
    var prefix = ""

    @Flag(name: .customLong("path-style"), help: "Path-style addressing (default with --endpoint).")
    var pathStyle = false

    @Option(name: .customLong("access-key-id"), help: "Access key id. Env PGBM_S3_ACCESS_KEY_ID or AWS_ACCESS_KEY_ID.")
    var accessKeyId: String?

    @Option(name: .customLong("part-size-mib"), help: "Starting multipart part size in MiB.")
    var partSizeMiB = 16

    @Option(name: .customLong("parallel-parts"), help: "Parts uploaded at once.")
    var parallelParts = 4

    func configuration() throws -> S3Configuration {
        let env = ProcessInfo.processInfo.environment
        func value(_ names: String...) -> String? { names.lazy.compactMap { env[$0] }.first { !$0.isEmpty } }
        guard let bucket = bucket ?? value("PGBM_S3_BUCKET") else {
            throw ValidationError("--bucket: no bucket given (or set PGBM_S3_BUCKET)")
        }
        guard let accessKey = accessKeyId ?? value("PGBM_S3_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID"),
              let secret = value("PGBM_S3_SECRET_KEY", "AWS_SECRET_ACCESS_KEY") else {
            throw ValidationError(
                "no S3 credentials: give --access-key-id (or PGBM_S3_ACCESS_KEY_ID) and set PGBM_S3_SECRET_KEY")
        }
        let endpointText = endpoint ?? value("PGBM_S3_ENDPOINT")
        var endpointURL: URL?
        if let endpointText {
            guard let url = URL(string: endpointText), url.host != nil else {
                throw ValidationError("--endpoint: \"\(endpointText)\" is not a URL like https://minio.example.com:9000")
            }
            endpointURL = url
        }
        var configuration = S3Configuration(
            bucket: bucket, region: region ?? value("PGBM_S3_REGION") ?? "us-east-1",
            credentials: SigV4Credentials(
                accessKeyId: accessKey, secretAccessKey: secret, sessionToken: value("PGBM_S3_SESSION_TOKEN", "AWS_SESSION_TOKEN")),
            endpoint: endpointURL, addressing: pathStyle || endpointURL != nil ? .pathStyle : .virtualHosted, prefix: prefix)
        configuration.partSize = partSizeMiB << 20
        configuration.parallelParts = parallelParts
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.message)
        }
        return configuration
    }
}
