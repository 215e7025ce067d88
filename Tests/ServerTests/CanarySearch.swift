import Foundation
import TestSupport

/// Where the end-to-end test looks for its canary secrets: every answer (status, headers, body), the
/// server's log, every file under its data and backup folders, and what the PostgreSQL client programs
/// it started saw of themselves (their `/proc/<pid>/cmdline` and `/proc/<pid>/environ`, recorded by
/// wrappers the server is configured to run instead of `pg_dump` and `pg_restore`).
struct CanarySearch {
    /// A secret and the name it is reported by.
    struct Canary: Sendable {
        let name: String
        let value: String
    }

    /// The folder of the wrappers and their record.
    let folder: String
    var recordPath: String { folder + "/children.log" }

    /// Writes `pg_dump` and `pg_restore` wrappers into `folder`: each appends its own command line and
    /// environment (NUL-separated, as `/proc` gives them) to ``recordPath`` and then becomes the real
    /// program of `binDirectory` (same process, so what it recorded is what the program got).
    init(folder: String, binDirectory: String) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for program in ["pg_dump", "pg_restore"] {
            let script = """
                #!/bin/sh
                { printf 'cmdline '; cat /proc/$$/cmdline; printf '\\nenviron '; cat /proc/$$/environ; printf '\\n'; } >> '\(recordPath)'
                exec '\(binDirectory)/\(program)' "$@"

                """
            let path = folder + "/" + program
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
    }

    /// The wrappers' record: one `cmdline …` and one `environ …` line per program started.
    var childRecord: String { (try? String(contentsOfFile: recordPath, encoding: .utf8)) ?? "" }

    /// The programs started, by the name they ran under.
    var programsStarted: [String] {
        childRecord.split(separator: "\n").filter { $0.hasPrefix("cmdline ") }.map { line in
            String(line.dropFirst("cmdline ".count).split(separator: "\0").dropFirst().first ?? "")
        }
    }

    /// The files under `folders` (recursively) whose bytes contain `canary`, as paths.
    static func files(under folders: [String], containing canary: String) -> [String] {
        let needle = Data(canary.utf8)
        var found: [String] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let relative as String in walker {
                let path = folder + "/" + relative
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                if data.range(of: needle) != nil { found.append(path) }
            }
        }
        return found
    }
}
