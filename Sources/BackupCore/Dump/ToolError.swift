/// No installed PostgreSQL client program is new enough, or none was found.
///
/// ```
/// server is PostgreSQL 17; newest pg_dump here is 16; install postgresql-client-17 or set pg_dump_path
/// ```
public struct ToolError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; compare with the static members (`error.kind == .noSuitableVersion`).
    public struct Kind: Hashable, Sendable {
        private enum Code: Hashable, Sendable {
            case noSuitableVersion
            case notInstalled
        }
        private let code: Code

        /// Tools of this kind are installed, but all are older than needed.
        public static let noSuitableVersion = Kind(code: .noSuitableVersion)
        /// No tool of this kind was found at all.
        public static let notInstalled = Kind(code: .notInstalled)
    }

    /// What went wrong.
    public let kind: Kind
    /// The program that was looked for.
    public let tool: PostgresToolKind
    /// The lowest major version that would do.
    public let requiredMajor: Int
    /// The server's major version, when the requirement came from a server alone.
    public let serverMajor: Int?
    /// The newest major version installed, `nil` when none was found.
    public let newestInstalledMajor: Int?
    /// Configured paths or binaries that were skipped, with the reason (`/opt/pg/pg_dump: no such file`).
    public let skipped: [String]

    init(tool: PostgresToolKind, requiredMajor: Int, serverMajor: Int?, newestInstalledMajor: Int?, skipped: [String]) {
        self.kind = newestInstalledMajor == nil ? .notInstalled : .noSuitableVersion
        self.tool = tool
        self.requiredMajor = requiredMajor
        self.serverMajor = serverMajor
        self.newestInstalledMajor = newestInstalledMajor
        self.skipped = skipped
    }

    public var description: String {
        let need =
            if let serverMajor, serverMajor == requiredMajor {
                "server is PostgreSQL \(serverMajor)"
            } else {
                "needs \(tool.rawValue) \(requiredMajor) or newer"
            }
        let have =
            if let newestInstalledMajor {
                "newest \(tool.rawValue) here is \(newestInstalledMajor)"
            } else {
                "no \(tool.rawValue) found here"
            }
        var text = "\(need); \(have); install postgresql-client-\(requiredMajor) or set \(tool.settingName)"
        if !skipped.isEmpty { text += " (skipped \(skipped.joined(separator: "; ")))" }
        return text
    }
}
