public import Foundation

/// The name of a backup file (design §4): `<slug>_<UTC yyyyMMdd'T'HHmmss'Z'>.dump`, `.sql` or `.tar` by
/// format, `.zst` when pgbm compressed it, `.enc` when encrypted: `app_20261126T020000Z.dump.zst.enc`.
public struct ArtifactName: Sendable, Equatable, CustomStringConvertible {
    public let slug: String
    public let startedAt: Date
    /// `custom`, `plain` or `directory`.
    public let format: String
    public let compressed: Bool
    public let encrypted: Bool

    /// A name for a backup of `slug` started at `startedAt` (whole seconds, UTC).
    public init(slug: String, startedAt: Date, format: String = "custom", compressed: Bool, encrypted: Bool) {
        self.slug = slug
        self.startedAt = Date(timeIntervalSince1970: startedAt.timeIntervalSince1970.rounded(.down))
        self.format = format
        self.compressed = compressed
        self.encrypted = encrypted
    }

    /// The file name.
    public var description: String {
        let suffix = switch format {
        case "plain": ".sql"
        case "directory": ".tar"
        default: ".dump"
        }
        return slug + "_" + Self.stamp(startedAt) + suffix + (compressed ? ".zst" : "") + (encrypted ? ".enc" : "")
    }

    /// The object key below the S3 prefix, or the path below the backup folder: `<slug>/<file name>`.
    public var relativePath: String { slug + "/" + description }

    /// `20261126T020000Z`.
    static func stamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - dayNumber * 86_400
        let civil = CivilDate(dayNumber: dayNumber)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", civil.year, civil.month, civil.day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}
