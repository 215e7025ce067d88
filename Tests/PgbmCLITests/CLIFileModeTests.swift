import Foundation
import TestSupport
import Testing

/// `pgbm-cli` sets the umask 0077 first thing: started from a shell with a permissive umask, what it
/// creates is still its user's only.
@Suite("pgbm-cli file modes", .timeLimit(.minutes(1)))
struct CLIFileModeTests {
    @Test func aFirstCommandUnderUmask022CreatesTheStoreOwnerOnly() throws {
        // Given no data folder yet, and a shell whose umask lets everyone read new files
        let fixture = try CLIStoreFixture()
        // When a first command creates the store
        let result = try ProcessRunner.run(
            "/bin/sh",
            ["-c", #"umask 022 && exec "$0" "$@""#, CLIStoreFixture.cli, "db", "add", "--name", "app", "--host", "db.internal",
             "--database", "app", "--user", "backup", "--data-dir", fixture.dataDirectory],
            environment: ["PGBM_DB_PASSWORD": nil, "PGBM_MASTER_KEY": nil, "PGBM_DATA_DIR": nil])
        #expect(result.status == 0, "\(result.stderrText)")
        // Then the folder, the store and the master key give the group and others nothing
        for path in ["", "/backup_manager.db", "/master.key"].map({ fixture.dataDirectory + $0 }) {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber).intValue
            #expect(mode & 0o077 == 0, "\(path) has mode \(String(mode, radix: 8))")
        }
    }
}
