import ArgumentParser
import BackupCore
import Foundation

extension PgbmBench {
    struct BenchRetention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Plan retention over 100,000 backups (local and S3 copies), in UTC and in Europe/Berlin.",
            discussion: "Backups every 30 minutes going back in time, one in 20 failed; the median of the repetitions is reported.")

        @Option(help: "Backups in the history (each has a local and an S3 copy, planned separately).") var backups = 100_000
        @Option(help: "Repetitions; the median is reported.") var repeats = 11

        func run() async throws {
            let now = Date(timeIntervalSince1970: 1_795_651_200)
            let items = (0..<backups).flatMap { index -> [RetentionItem] in
                let created = now.addingTimeInterval(-Double(index) * 1800 - 60)
                let succeeded = index % 20 != 7
                return [
                    RetentionItem(id: "local-\(index)", createdAt: created, succeeded: succeeded, location: .local, sizeBytes: 1 << 20),
                    RetentionItem(id: "s3-\(index)", createdAt: created, succeeded: succeeded, location: .s3, sizeBytes: 1 << 20),
                ]
            }.shuffled()
            let policy = RetentionPolicy(keepLast: 7, daily: 7, weekly: 4, monthly: 12, yearly: 5)
            var lines = ["pgbm bench retention: \(backups) backups x 2 locations, keep-last 7, daily 7, weekly 4, monthly 12, yearly 5"]
            for zoneName in ["UTC", "Europe/Berlin"] {
                let zone = TimeZone(identifier: zoneName)!
                var samples: [Double] = []
                var kept = 0
                for _ in 0..<repeats {
                    let start = ContinuousClock.now
                    let plan = Retention.plan(items, policy: policy, timeZone: zone, now: now)
                    samples.append((ContinuousClock.now - start).seconds * 1000)
                    kept = plan.kept.count
                }
                samples.sort()
                lines.append(zoneName.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(format: "median %.1f ms  best %.1f ms  (%d copies kept)", samples[samples.count / 2], samples[0], kept))
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
