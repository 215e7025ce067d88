import Foundation

/// A PostgreSQL version: the major used to choose client tools, the minor, and the text it was read from.
///
/// Since PostgreSQL 10 a version is `major.minor` (`15.18`, `16.2`); before, the major had two parts
/// (`9.6.24`), which this type folds into major `9`, minor `6`, patch `24` — old servers only ever need
/// "any client tool of major 10 or newer", so the folding loses nothing for tool selection.
///
/// ```swift
/// let version = PostgresVersion(versionOutput: "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)")
/// version?.major   // 15
/// PostgresVersion(serverVersionNumber: 160002).description   // "16.2"
/// ```
public struct PostgresVersion: Sendable, Hashable {
    /// The major version (`15` for 15.18).
    public let major: Int
    /// The minor version (`18` for 15.18; `6` for 9.6.24).
    public let minor: Int
    /// The third part of a pre-10 version (`24` for 9.6.24), else 0.
    public let patch: Int
    /// What the version was read from, trimmed (`15.18 (Debian 15.18-0+deb12u1)`), or the numeric form.
    public let text: String

    /// A version from its parts.
    public init(major: Int, minor: Int = 0, patch: Int = 0, text: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.text = text ?? (major >= 10 ? "\(major).\(minor)" : "\(major).\(minor).\(patch)")
    }

    /// A version from libpq's `PQserverVersion` / `server_version_num` (`150018` → 15.18, `90624` → 9.6.24).
    public init(serverVersionNumber number: Int, text: String? = nil) {
        if number >= 100_000 {
            self.init(major: number / 10_000, minor: number % 10_000, text: text)
        } else {
            self.init(major: number / 10_000, minor: number / 100 % 100, patch: number % 100, text: text)
        }
    }

    /// Reads the version from a tool's `--version` line, such as `pg_dump (PostgreSQL) 15.18 (Debian
    /// 15.18-0+deb12u1)`, `psql (PostgreSQL) 16.2` or `pg_dump (PostgreSQL) 17beta1`; `nil` when the line is
    /// not a PostgreSQL tool's version.
    public init?(versionOutput: String) {
        let line = versionOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard let marker = line.range(of: "(PostgreSQL) ") else { return nil }
        self.init(versionText: String(line[marker.upperBound...]))
    }

    /// Reads a bare version such as `15.18 (Debian 15.18-0+deb12u1)`, `16.2`, `9.6.24` or `18devel`; `nil`
    /// when it does not start with a number.
    public init?(versionText: String) {
        let text = versionText.trimmingWhitespace
        var numbers: [Int] = []
        var current = ""
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                current.append(Character(String(digit)))
            } else if character == ".", !current.isEmpty {
                numbers.append(Int(current) ?? 0)
                current = ""
            } else {
                break
            }
        }
        if !current.isEmpty { numbers.append(Int(current) ?? 0) }
        guard let major = numbers.first, major > 0 else { return nil }
        let minor = numbers.count > 1 ? numbers[1] : 0
        let patch = numbers.count > 2 ? numbers[2] : 0
        self.init(major: major, minor: minor, patch: major >= 10 ? 0 : patch, text: text)
    }
}

extension PostgresVersion: Comparable {
    public static func < (lhs: PostgresVersion, rhs: PostgresVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

extension PostgresVersion: CustomStringConvertible {
    /// The numeric form: `15.18`, `9.6.24`.
    public var description: String { major >= 10 ? "\(major).\(minor)" : "\(major).\(minor).\(patch)" }
}
