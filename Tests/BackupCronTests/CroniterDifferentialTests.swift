import BackupCron
import Foundation
import TestSupport
import Testing

@Suite(
    "Agreement with croniter 6.0.0", .enabled(if: CroniterReference.available, CroniterReference.skipMessage),
    .timeLimit(.minutes(1)))
struct CroniterDifferentialTests {
    /// 2,000 random expressions from seeded random starts: the next 20 runs in UTC must equal croniter's.
    @Test func nextTwentyRunsMatchCroniterForRandomExpressions() throws {
        // Given random valid expressions (minus the documented croniter corner) and random start times
        var generator = CronExpressionGenerator(seed: 0x5EED_C40F)
        var random = SplitMix64(seed: 0xC40F_57A7)
        var cases: [(expression: CronExpression, start: Date)] = []
        var requests: [CroniterReference.Request] = []
        var excluded: [String: Int] = [:]
        while cases.count < 2000 {
            let generated = generator.next()
            if let corner = generated.croniterCorner {
                excluded[corner, default: 0] += 1
                continue
            }
            guard let expression = try? CronExpression(parsing: generated.text) else {
                continue
            }
            let start = Self.randomStart(&random)
            cases.append((expression, start))
            requests.append(.init(expression: generated.text, start: start.timeIntervalSince1970, count: 20))
        }

        // When croniter and pgbm compute the next 20 runs
        let answers = try CroniterReference.answers(requests)
        #expect(answers.count == cases.count)

        // Then they agree
        let utc = TimeZone(identifier: "UTC")!
        var mismatches: [String] = []
        for ((expression, start), answer) in zip(cases, answers) {
            let ours = expression.next(count: 20, after: start, in: utc).map { Int($0.timeIntervalSince1970) }
            guard ours != answer.next else { continue }
            mismatches.append(
                "\"\(expression)\" after \(Self.format(start)) (\(start.timeIntervalSince1970)):\n  pgbm:     "
                    + ours.map(Self.format).joined(separator: ", ") + "\n  croniter: "
                    + (answer.next?.map(Self.format).joined(separator: ", ") ?? answer.error ?? "nothing"))
        }
        let shown = mismatches.prefix(10).joined(separator: "\n")
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) differ (left out: \(excluded)):\n\(shown)")
    }

    /// Expressions pgbm rejects as impossible make croniter give up too.
    @Test(arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 30,31 feb *", "15 3 31 FEB,4-6/2 *"])
    func impossibleExpressionsAreImpossibleForCroniter(text: String) throws {
        #expect(throws: CronParseError.self) { try CronExpression(parsing: text) }
        let answers = try CroniterReference.answers([.init(expression: text, start: 1_767_225_600, count: 1)])
        #expect(answers.first?.error?.hasPrefix("CroniterBadDateError") == true, "\(answers)")
    }

    /// Mostly 1970–2100, a third of them on a whole minute (so a start that is itself a run is common).
    private static func randomStart(_ random: inout SplitMix64) -> Date {
        let seconds = Double(random.next() % 4_102_444_800)
        let onMinute = random.next() % 3 == 0
        return Date(timeIntervalSince1970: onMinute ? (seconds / 60).rounded(.down) * 60 : seconds + 0.25)
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateTimeSeparator(.space))
    }

    private static func format(_ seconds: Int) -> String {
        format(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
