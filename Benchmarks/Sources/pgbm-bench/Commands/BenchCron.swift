import ArgumentParser
import BackupCron
import Foundation

extension PgbmBench {
    struct BenchCron: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cron",
            abstract: "next(after:) throughput for a mix of cron expressions, in UTC and in Europe/Berlin, against croniter.",
            discussion: """
                Runs on one thread. The same expressions and start times go to Python's croniter (get_next) in the \
                same run, when python3 with croniter is installed (Scripts/test installs it): each expression parsed \
                once, then set_current + get_next per call. The ratio is pgbm's calls per second over croniter's.
                """)

        static let mix = [
            "*/15 * * * *", "0 * * * *", "30 2 * * *", "0 */6 * * *", "0 0 * * 1", "5 4 * * 1-5", "@daily", "45 23 * * SUN",
            "0 12 * * MON,WED,FRI", "0 0 1 * *", "0 3 1,15 * *", "20 1-5 * * *", "0 0 1 1 *", "0 9 * * 6,0", "*/20 8-17 * * 1-5",
            "0 0 29 2 *", "0 2 1-7 * 1", "10,40 * * * *",
        ]

        @Option(help: "Calls per time zone.") var calls = 1_000_000
        @Option(help: "Calls per time zone for croniter (it is slower).") var croniterCalls = 20_000

        func run() async throws {
            let expressions = try Self.mix.map { try CronExpression(parsing: $0) }
            var lines = ["pgbm bench cron: \(Self.mix.count) expressions, one thread"]
            lines.append("zone               pgbm calls/s   croniter calls/s   ratio")
            for zoneName in ["UTC", "Europe/Berlin"] {
                let zone = TimeZone(identifier: zoneName)!
                let starts = Self.starts(count: 1024)
                let ours = Self.measure(expressions, zone: zone, starts: starts, calls: calls)
                let theirs = try? croniter(zone: zoneName, starts: starts)
                let theirsText = theirs.map { String(format: "%16.0f", $0) } ?? "  not installed"
                let ratio = theirs.map { String(format: "%7.1fx", ours / $0) } ?? "      -"
                lines.append(zoneName.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: "%15.0f", ours) + "   \(theirsText)  \(ratio)")
            }
            print(lines.joined(separator: "\n"))
        }

        /// Start times spread over 2026-2027 at odd seconds.
        static func starts(count: Int) -> [Date] {
            var generator = SystemRandomNumberGenerator()
            return (0..<count).map { _ in Date(timeIntervalSince1970: 1_767_225_600 + Double(Int.random(in: 0..<63_072_000, using: &generator))) }
        }

        static func measure(_ expressions: [CronExpression], zone: TimeZone, starts: [Date], calls: Int) -> Double {
            var checksum = 0.0
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                for index in 0..<calls {
                    let expression = expressions[index % expressions.count]
                    checksum += expression.next(after: starts[index % starts.count], in: zone)?.timeIntervalSince1970 ?? 0
                }
            }
            precondition(checksum > 0)
            return Double(calls) / elapsed.seconds
        }

        func croniter(zone: String, starts: [Date]) throws -> Double {
            let script = """
                import sys, time, json, datetime, zoneinfo
                from croniter import croniter
                exprs, starts, calls, zone = json.loads(sys.stdin.read())
                tz = zoneinfo.ZoneInfo(zone)
                starts = [datetime.datetime.fromtimestamp(s, tz) for s in starts]
                iters = [croniter(e, starts[0]) for e in exprs]
                t = time.perf_counter()
                for i in range(calls):
                    it = iters[i % len(iters)]
                    it.set_current(starts[i % len(starts)], force=True)
                    it.get_next(float)
                print(calls / (time.perf_counter() - t))
                """
            let input = try JSONSerialization.data(withJSONObject: [
                Self.mix, starts.map(\.timeIntervalSince1970), croniterCalls, zone,
            ] as [Any])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script]
            let stdin = Pipe()
            let stdout = Pipe()
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let text = String(data: output, encoding: .utf8),
                  let rate = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw BenchError(message: "croniter did not run")
            }
            return rate
        }
    }
}
