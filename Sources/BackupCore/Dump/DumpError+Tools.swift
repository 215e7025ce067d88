extension DumpError {
    /// What was looked for when no installed PostgreSQL client program is new enough, or none was found.
    ///
    /// ```
    /// server is PostgreSQL 17; newest pg_dump here is 16; install postgresql-client-17 or set pg_dump_path
    /// ```
    public struct ToolRequirement: Sendable, CustomStringConvertible {
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

    /// ``Code/notInstalled`` when no program of the kind was found, otherwise ``Code/noSuitableVersion``.
    init(tool: PostgresToolKind, requiredMajor: Int, serverMajor: Int?, newestInstalledMajor: Int?, skipped: [String]) {
        let requirement = ToolRequirement(
            tool: tool, requiredMajor: requiredMajor, serverMajor: serverMajor,
            newestInstalledMajor: newestInstalledMajor, skipped: skipped)
        self.init(
            newestInstalledMajor == nil ? .notInstalled : .noSuitableVersion, tool: tool, detail: "", standardError: "",
            exitStatus: nil, underlyingError: nil, connection: nil, requirement: requirement)
    }
}
