import Foundation
import TestSupport
import Testing

/// Runs `Fixtures/croniter_next.py` (croniter 6.0.0, pinned in `Scripts/services.d/requirements.txt`)
/// with `python3` from PATH, from the repository root.
enum CroniterReference {
    static let script = "Tests/BackupCronTests/Fixtures/croniter_next.py"

    /// In CI the tests always run (and fail if croniter is missing); elsewhere only if it can be imported.
    static var available: Bool {
        TestServices.isCI || ((try? ProcessRunner.shell("python3 -c 'import croniter'").status) == 0)
    }

    static let skipMessage: Comment = "needs python3 with croniter 6.0.0: run Scripts/test"

    struct Request: Encodable {
        let expression: String
        let start: Double
        let count: Int
    }

    struct Answer: Decodable {
        let next: [Int]?
        let error: String?
    }

    /// croniter's answers, one per request, in order.
    static func answers(_ requests: [Request]) throws -> [Answer] {
        let encoder = JSONEncoder()
        var input = Data()
        for request in requests {
            input.append(try encoder.encode(request))
            input.append(UInt8(ascii: "\n"))
        }
        let result = try ProcessRunner.run(
            "/bin/sh", ["-c", "exec python3 '\(script)'"], stdin: input, currentDirectory: TestServices.repositoryRoot)
        guard result.status == 0 else {
            throw ReferenceFailure(description: "croniter_next.py exited with \(result.status): \(result.stderrText)")
        }
        let decoder = JSONDecoder()
        return try result.stdout.split(separator: UInt8(ascii: "\n")).map {
            try decoder.decode(Answer.self, from: Data($0))
        }
    }

    struct ReferenceFailure: Error, CustomStringConvertible {
        let description: String
    }
}
