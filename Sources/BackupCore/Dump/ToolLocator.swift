import Foundation
import Subprocess
import SystemPackage

/// Finds the installed PostgreSQL client programs and picks the right version for a server.
///
/// Candidates come from three places, in this order of priority:
/// 1. ``configuredPaths`` — per program, a binary or a folder holding it (pgbm's `pg_dump_path` setting);
/// 2. Debian's versioned installs, `<debianRoot>/<major>/bin` (`/usr/lib/postgresql/15/bin`);
/// 3. the folders of ``searchPath`` (`PATH`), skipping Debian's `pg_wrapper`, which picks a version itself.
///
/// Every candidate's version comes from running `<binary> --version`. The choice for a server of major M
/// is the **lowest installed major ≥ M** (a newer `pg_dump` can dump an older server, never the reverse);
/// when two places hold the same major, the one with the higher priority wins.
///
/// ```swift
/// let locator = ToolLocator(configuredPaths: [.pgDump: ["/opt/pg17/bin"]])
/// let pgDump = try await locator.tool(.pgDump, forServerMajor: 16)
/// ```
public struct ToolLocator: Sendable {
    /// Per program: binaries, or folders holding them, searched first.
    public var configuredPaths: [PostgresToolKind: [String]]
    /// The folder holding Debian's `<major>/bin` folders; `nil` skips it.
    public var debianRoot: String?
    /// Folders searched last, in order.
    public var searchPath: [String]
    /// How long `<binary> --version` may take before the binary is skipped.
    public var versionTimeout: Duration

    /// A locator.
    ///
    /// - Parameters:
    ///   - configuredPaths: per program, binaries or folders (highest priority).
    ///   - debianRoot: Debian's install root, `/usr/lib/postgresql` by default; `nil` to skip.
    ///   - searchPath: folders searched last; `nil` means the folders of this process's `PATH`.
    ///   - versionTimeout: the limit for one `--version` run.
    public init(
        configuredPaths: [PostgresToolKind: [String]] = [:],
        debianRoot: String? = "/usr/lib/postgresql",
        searchPath: [String]? = nil,
        versionTimeout: Duration = .seconds(10)
    ) {
        self.configuredPaths = configuredPaths
        self.debianRoot = debianRoot
        self.searchPath =
            searchPath
            ?? (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        self.versionTimeout = versionTimeout
    }

    /// The tool for a server of major `serverMajor`: the lowest installed major ≥ `serverMajor`.
    ///
    /// - Throws: ``DumpError``, e.g. `server is PostgreSQL 17; newest pg_dump here is 16; install
    ///   postgresql-client-17 or set pg_dump_path`.
    public func tool(_ kind: PostgresToolKind, forServerMajor serverMajor: Int) async throws(DumpError) -> PostgresTool
    {
        try await discover(kind).select(atLeast: [serverMajor], serverMajor: serverMajor)
    }

    /// The lowest installed major that is at least each of `majors`, e.g. for `pg_restore` both the target
    /// server's major and the major of the `pg_dump` that wrote the archive.
    ///
    /// - Throws: ``DumpError``, e.g. `needs pg_restore 17 or newer; newest pg_restore here is 16; …`.
    public func tool(_ kind: PostgresToolKind, atLeast majors: [Int]) async throws(DumpError) -> PostgresTool {
        try await discover(kind).select(atLeast: majors)
    }

    /// Every usable installed version of `kind`, one per major, with the candidates that were skipped.
    public func discover(_ kind: PostgresToolKind) async -> ToolDiscovery {
        let (candidates, skippedPaths) = candidates(for: kind)
        let timeout = versionTimeout
        let probed = await withTaskGroup(of: (Int, Result<PostgresVersion, ProbeFailure>).self) { group in
            for (index, candidate) in candidates.enumerated() {
                group.addTask { (index, await Self.version(of: candidate.path, timeout: timeout)) }
            }
            var results: [(Int, Result<PostgresVersion, ProbeFailure>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        var skipped = skippedPaths
        var best: [Int: PostgresTool] = [:]
        for (index, result) in probed {
            let candidate = candidates[index]
            switch result {
            case .success(let version):
                let tool = PostgresTool(kind: kind, path: candidate.path, version: version, origin: candidate.origin)
                if let existing = best[version.major], existing.origin <= tool.origin { continue }
                best[version.major] = tool
            case .failure(let failure):
                skipped.append("\(candidate.path): \(failure.reason)")
            }
        }
        return ToolDiscovery(
            kind: kind, tools: best.values.sorted { $0.version.major < $1.version.major }, skipped: skipped)
    }

    // MARK: - Candidates

    private struct Candidate {
        let path: String
        let origin: PostgresTool.Origin
    }

    /// Existing executables in priority order, without duplicates (by resolved path), and the configured
    /// paths that could not be used.
    private func candidates(for kind: PostgresToolKind) -> ([Candidate], [String]) {
        let files = FileManager.default
        var result: [Candidate] = []
        var skipped: [String] = []
        var seen = Set<String>()

        func add(_ path: String, _ origin: PostgresTool.Origin) -> String? {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
            guard !isDirectory.boolValue, files.isExecutableFile(atPath: path) else { return "not an executable file" }
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            // Debian's /usr/bin/pg_dump is a link to pg_wrapper, which chooses a version on its own.
            if URL(fileURLWithPath: resolved).lastPathComponent == "pg_wrapper" { return "Debian's pg_wrapper" }
            if seen.insert(resolved).inserted { result.append(Candidate(path: path, origin: origin)) }
            return nil
        }

        for configured in configuredPaths[kind] ?? [] {
            var isDirectory: ObjCBool = false
            let isFolder = files.fileExists(atPath: configured, isDirectory: &isDirectory) && isDirectory.boolValue
            let path = isFolder ? (configured as NSString).appendingPathComponent(kind.executableName) : configured
            if let problem = add(path, .configured) { skipped.append("\(path): \(problem)") }
        }
        if let debianRoot, let majors = try? files.contentsOfDirectory(atPath: debianRoot) {
            for major in majors.compactMap(Int.init).sorted() {
                _ = add("\(debianRoot)/\(major)/bin/\(kind.executableName)", .debian)
            }
        }
        for folder in searchPath where folder.hasPrefix("/") {
            _ = add((folder as NSString).appendingPathComponent(kind.executableName), .searchPath)
        }
        return (result, skipped)
    }

    // MARK: - Versions

    private struct ProbeFailure: Error {
        let reason: String
    }

    /// Runs `<path> --version` (stdin empty, at most 4 KiB of output, within `timeout`) and parses it.
    private static func version(of path: String, timeout: Duration) async -> Result<PostgresVersion, ProbeFailure> {
        do {
            let output = try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .path(FilePath(path)), arguments: ["--version"], output: .string(limit: 4096), error: .discarded
                    )
                    guard result.terminationStatus.isSuccess else {
                        throw ProbeFailure(reason: "`--version` ended with \(result.terminationStatus)")
                    }
                    return result.standardOutput
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let output = first else {
                    throw ProbeFailure(reason: "`--version` did not answer within \(timeout)")
                }
                return output
            }
            guard let version = PostgresVersion(versionOutput: output) else {
                return .failure(
                    ProbeFailure(
                        reason: "not a PostgreSQL program (`--version` printed \(output.prefix(80).debugDescription))"))
            }
            return .success(version)
        } catch let failure as ProbeFailure {
            return .failure(failure)
        } catch {
            return .failure(ProbeFailure(reason: "cannot run it (\(error))"))
        }
    }
}
