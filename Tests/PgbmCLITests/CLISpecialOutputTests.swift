import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("pgbm-cli output to special files")
struct CLISpecialOutputTests {
    @Test("an output that is a FIFO is written in place, not replaced by a file")
    func outputToFIFO() throws {
        let dir = try TemporaryDirectory()
        let fifo = dir.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try ProcessRunner.shell(
            "cat pipe > received & '\(CLICryptoTests.cli)' encrypt --iterations 100000 -o pipe < /etc/hostname; wait",
            environment: CLICryptoTests.env, currentDirectory: dir.url)
        #expect(result.status == 0, "\(result.stderrText)")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(!FileManager.default.fileExists(atPath: fifo + ".partial"))
        let received = try Data(contentsOf: URL(fileURLWithPath: dir.path("received")))
        #expect(received.starts(with: Data("PGBMENC1".utf8)))
    }
}
