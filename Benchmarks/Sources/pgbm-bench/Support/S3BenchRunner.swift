import BackupStorage
import Foundation

/// Runs `pgbm-cli s3 upload/download` and `aws s3 cp` on the same file and bucket, measuring each.
struct S3BenchRunner {
    let work: String
    let configuration: S3Configuration
    let sizeMiB: Int

    var environment: [String: String] {
        [
            "PGBM_S3_SECRET_KEY": configuration.credentials.secretAccessKey,
            "AWS_ACCESS_KEY_ID": configuration.credentials.accessKeyId,
            "AWS_SECRET_ACCESS_KEY": configuration.credentials.secretAccessKey,
            "AWS_DEFAULT_REGION": configuration.region, "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
    }

    var pgbmS3Arguments: [String] {
        var arguments = [
            "--bucket", configuration.bucket, "--region", configuration.region, "--access-key-id",
            configuration.credentials.accessKeyId, "--part-size-mib", "\(configuration.partSize >> 20)",
            "--parallel-parts", "\(configuration.parallelParts)",
        ]
        if !configuration.prefix.isEmpty { arguments += ["--prefix", configuration.prefix] }
        if let endpoint = configuration.endpoint { arguments += ["--endpoint", endpoint.absoluteString] }
        if configuration.addressing == .pathStyle { arguments.append("--path-style") }
        return arguments
    }

    var awsArguments: [String] {
        configuration.endpoint.map { ["--endpoint-url", $0.absoluteString] } ?? []
    }

    /// The server named by the environment (as `Benchmarks/s3.sh` sets it), path-style addressing.
    static func configuration(partSizeMiB: Int, parallelParts: Int) throws -> S3Configuration {
        let env = ProcessInfo.processInfo.environment
        guard let endpoint = env["PGBM_S3_ENDPOINT"].flatMap(URL.init(string:)), let bucket = env["PGBM_S3_BUCKET"],
              let accessKey = env["PGBM_S3_ACCESS_KEY_ID"], let secret = env["PGBM_S3_SECRET_KEY"] else {
            throw BenchError(message: "set PGBM_S3_ENDPOINT, PGBM_S3_BUCKET, PGBM_S3_ACCESS_KEY_ID and PGBM_S3_SECRET_KEY")
        }
        var configuration = S3Configuration(
            bucket: bucket, region: "us-east-1",
            credentials: SigV4Credentials(accessKeyId: accessKey, secretAccessKey: secret, sessionToken: nil),
            endpoint: endpoint, addressing: .pathStyle, prefix: "")
        configuration.partSize = partSizeMiB << 20
        configuration.parallelParts = parallelParts
        return configuration
    }

    func s3URL(_ name: String) -> String {
        "s3://\(configuration.bucket)/" + (configuration.prefix.isEmpty ? "" : configuration.prefix + "/") + "bench/\(name)"
    }

    func run() throws -> String {
        let plain = "\(work)/plain.bin"
        try TestFile.write(plain, mebibytes: sizeMiB)
        let me = ChildProcess.pgbmCLI
        let aws = ["python3", "-m", "awscli", "s3", "cp", "--only-show-errors"]
        let rows: [(String, ChildProcess.Measurement)] = [
            ("pgbm upload", try measure([me, "s3", "upload", "--file", plain, "--key", "bench/pgbm.bin"] + pgbmS3Arguments)),
            ("aws s3 cp upload", try measure(aws + [plain, s3URL("aws.bin")] + awsArguments)),
            ("pgbm download", try measure([me, "s3", "download", "--key", "bench/aws.bin", "--file", "\(work)/pgbm.out"] + pgbmS3Arguments)),
            ("aws s3 cp download", try measure(aws + [s3URL("pgbm.bin"), "\(work)/aws.out"] + awsArguments)),
        ]
        for output in ["pgbm.out", "aws.out"] where !FileManager.default.contentsEqual(atPath: plain, andPath: "\(work)/\(output)") {
            throw BenchError(message: "\(output) does not equal the uploaded file")
        }
        return format(rows)
    }

    private func measure(_ arguments: [String]) throws -> ChildProcess.Measurement {
        try ChildProcess.measure(arguments, environment: environment)
    }

    private func format(_ rows: [(String, ChildProcess.Measurement)]) -> String {
        let bytes = Double(sizeMiB << 20)
        var lines = [
            "pgbm bench s3: \(sizeMiB) MiB file, \(configuration.endpoint?.absoluteString ?? "AWS"), part size "
                + "\(configuration.partSize >> 20) MiB x \(configuration.parallelParts) in flight, pinned to \(ChildProcess.pinning)",
            ChildProcess.Measurement.tableHeader,
        ]
        lines += rows.map { $0.1.row($0.0, bytes: bytes) }
        let bound = Double(configuration.parallelParts * configuration.partSize) / 1_048_576 + 20
        lines += [
            String(format: "wall-time ratio aws/pgbm: upload %.2f, download %.2f (above 1: pgbm faster)",
                   rows[1].1.seconds / rows[0].1.seconds, rows[3].1.seconds / rows[2].1.seconds),
            String(format: "CPU-time ratio pgbm/aws: upload %.2f, download %.2f (goal: upload <= 0.50)",
                   rows[0].1.cpuSeconds / rows[1].1.cpuSeconds, rows[2].1.cpuSeconds / rows[3].1.cpuSeconds),
            String(format: "pgbm peak RSS: upload %.1f MiB, download %.1f MiB; bound parallel x part + 20 MB = %.0f MiB",
                   Double(rows[0].1.peakRSSKiB) / 1024, Double(rows[2].1.peakRSSKiB) / 1024, bound),
        ]
        return lines.joined(separator: "\n")
    }
}
