import ArgumentParser
import AsyncHTTPClient
import BackupStorage
import Foundation
import Logging

extension PgbmBench {
    struct BenchS3: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "s3",
            abstract: "Upload and download one file with pgbm and with `aws s3 cp`, against the same bucket.",
            discussion: """
                Both run as child processes pinned to CPU 0, one after the other, on the same file; wall time and \
                peak RSS (VmHWM) are measured the same way. The downloads are compared with the original. Needs \
                the AWS CLI (`python3 -m awscli`) and an S3 endpoint (e.g. the moto server of Scripts/services), \
                named by PGBM_S3_ENDPOINT, PGBM_S3_BUCKET, PGBM_S3_ACCESS_KEY_ID and PGBM_S3_SECRET_KEY.
                """)

        @Option(name: .customLong("part-size-mib"), help: "pgbm's multipart part size in MiB.")
        var partSizeMiB = 16

        @Option(name: .customLong("parallel-parts"), help: "Parts pgbm uploads at once.")
        var parallelParts = 4

        @Option(name: .customLong("size-mib"), help: "Size of the test file in MiB.")
        var sizeMiB = 1024

        @Option(help: "Folder for the test files (removed afterwards).")
        var dir = NSTemporaryDirectory()

        func run() async throws {
            let configuration = try S3BenchRunner.configuration(partSizeMiB: partSizeMiB, parallelParts: parallelParts)
            let http = S3Client.makeHTTPClient()
            let client = try S3Client(configuration: configuration, httpClient: http, logger: Logger(label: "pgbm.bench"))
            try await client.createBucket()
            try await http.shutdown()
            let work = URL(fileURLWithPath: dir).appendingPathComponent("pgbm-bench-s3-\(getpid())").path
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: work) }
            let runner = S3BenchRunner(work: work, configuration: configuration, sizeMiB: sizeMiB)
            print(try runner.run())
        }
    }
}
