import Foundation

/// The code tables of `Docs/ERRORS.md`, which the frontends' table tests compare with their mappings.
public enum ErrorsDocument {
    /// One row: a library code and how each frontend reports it.
    public struct Row: Sendable, Hashable, CustomStringConvertible {
        /// The target, `BackupStorage`.
        public let target: String
        /// The code, `unreachable`.
        public let code: String
        /// The HTTP status the API answers with.
        public let status: Int
        /// The body's code the API answers with.
        public let apiCode: String
        /// The exit code of `pgbm-cli`.
        public let exitCode: Int32

        /// `BackupStorage.unreachable`, as `ErrorCode` prints it.
        public var name: String { "\(target).\(code)" }
        public var description: String { name }
    }

    /// Every row of every `### <target>: ...` table, in the page's order.
    public static func rows() throws -> [Row] {
        let url = TestServices.repositoryRoot.appendingPathComponent("Docs/ERRORS.md")
        var rows: [Row] = []
        var target: String?
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            if line.hasPrefix("### ") {
                target = line.dropFirst(4).split(separator: ":").first.map(String.init)
            } else if line.hasPrefix("## ") {
                target = nil
            } else if let target, line.hasPrefix("| `") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                }
                // "", code, meaning, HTTP, API code, exit, ""
                let count = cells.count
                guard count >= 7, let status = Int(cells[count - 4]), let exit = Int32(cells[count - 2]) else {
                    throw Malformed(line: String(line))
                }
                rows.append(Row(target: target, code: cells[1], status: status, apiCode: cells[count - 3], exitCode: exit))
            }
        }
        return rows
    }

    /// A table row that does not have the page's columns.
    public struct Malformed: Error, CustomStringConvertible {
        public let line: String
        public var description: String { "Docs/ERRORS.md: malformed row: \(line)" }
    }
}
