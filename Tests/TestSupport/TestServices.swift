public import Foundation

/// The real services `Scripts/test` starts, found through environment variables (Docs/TESTING.md).
///
/// Outside CI a test whose service is missing is skipped (``available(_:)`` in `.enabled(if:)`); with
/// `CI=true` the trait keeps it enabled and ``value(_:)`` throws, so the test fails instead.
public enum TestServices {
    /// Whether this run is CI, where a missing service is a failure, never a skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the variables are set, or this is CI (where the test must run and then fail).
    public static func available(_ names: String...) -> Bool {
        isCI || names.allSatisfy { ProcessInfo.processInfo.environment[$0]?.isEmpty == false }
    }

    /// The value of a service variable.
    /// - Throws: ``MissingService`` naming the variable and the command that provides it.
    public static func value(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw MissingService(variable: name)
        }
        return value
    }

    /// The repository's root folder.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder with the built executables: `PGBM_BIN_DIR`, else `.build/debug`.
    public static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["PGBM_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return repositoryRoot.appendingPathComponent(".build/debug")
    }

    /// The path of a built executable such as `pgbm-cli`.
    public static func executable(_ name: String) -> String { binDirectory.appendingPathComponent(name).path }
}

/// A service variable is not set.
public struct MissingService: Error, CustomStringConvertible {
    public let variable: String
    public var description: String {
        "\(variable) is not set: run the tests through Scripts/test, or `Scripts/services start` and "
            + "`source .test-services/env.sh` first"
    }
}
