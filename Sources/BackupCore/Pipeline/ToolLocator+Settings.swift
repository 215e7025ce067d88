import BackupDump
import BackupRepository
import Foundation

extension ToolLocator {
    /// This locator with the programs the `backup` settings name: `pg_dump`, `pg_restore`, and `psql`
    /// from `pg_dump`'s folder (it sits beside `pg_dump` in every installation). What the backup and the
    /// restore pipeline search.
    func configured(by settings: BackupSettings) -> ToolLocator {
        var locator = self
        if let path = settings.pgDumpPath {
            locator.configuredPaths[.pgDump, default: []].append(path)
            let folder = (path as NSString).deletingLastPathComponent
            locator.configuredPaths[.psql, default: []].append(folder.isEmpty ? path : folder)
        }
        if let path = settings.pgRestorePath { locator.configuredPaths[.pgRestore, default: []].append(path) }
        return locator
    }
}
