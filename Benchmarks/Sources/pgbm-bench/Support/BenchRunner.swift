import BackupCrypto
import Foundation

/// Runs the crypto benchmark: pgbm, `openssl enc -aes-256-ctr` and `gpg --symmetric` on the same file.
///
/// Timed runs read a file from the page cache and write to /dev/null, so they measure each tool's
/// work and not this machine's file-system writes (which vary from run to run on a VM); each is the
/// best of `repeats`. Round trips through real files are checked untimed.
struct BenchRunner {
    let work: String
    let iterations: Int
    let repeats: Int
    let passphrase = ContainerKey.generateKey()

    struct Row {
        let tool: String
        let bytes: Int
        let measurement: ChildProcess.Measurement
        var megabytesPerSecond: Double { Double(bytes) / 1e6 / measurement.seconds }
    }

    func run(sizeMiB: Int, smallMiB: Int) async throws -> String {
        let plain = "\(work)/plain.bin"
        try TestFile.write(plain, mebibytes: sizeMiB)
        let tools = try BenchTools(work: work, passphrase: passphrase, iterations: iterations)
        let bytes = sizeMiB << 20
        // Encrypted inputs for the decrypt runs, and round-trip checks (untimed).
        for tool in tools.all {
            try ChildProcess.measure(tool.encrypt + tool.input(plain), environment: tools.environment, output: tool.encrypted)
            try ChildProcess.measure(tool.decrypt + tool.input(tool.encrypted), environment: tools.environment, output: "\(work)/roundtrip")
            guard FileManager.default.contentsEqual(atPath: plain, andPath: "\(work)/roundtrip") else {
                throw BenchError(message: "\(tool.name) did not round-trip the file")
            }
        }
        var rows = [Row(tool: "cat (read only)", bytes: bytes, measurement: try best(["cat", plain], tools))]
        for tool in tools.all {
            rows.append(Row(tool: "\(tool.name) encrypt", bytes: bytes, measurement: try best(tool.encrypt + tool.input(plain), tools)))
            rows.append(Row(tool: "\(tool.name) decrypt", bytes: bytes, measurement: try best(tool.decrypt + tool.input(tool.encrypted), tools)))
        }
        let small = "\(work)/small.bin"
        try TestFile.write(small, mebibytes: smallMiB)
        let smallRun = try ChildProcess.measure(tools.pgbm.encrypt + tools.pgbm.input(small), environment: tools.environment)
        let kdf = try kdfSeconds()
        return format(rows: rows, sizeMiB: sizeMiB, smallMiB: smallMiB, smallRSS: smallRun.peakRSSKiB, kdf: kdf)
    }

    private func best(_ arguments: [String], _ tools: BenchTools) throws -> ChildProcess.Measurement {
        let runs = try (0..<repeats).map { _ in try ChildProcess.measure(arguments, environment: tools.environment) }
        let fastest = runs.min { $0.seconds < $1.seconds }!
        return ChildProcess.Measurement(
            seconds: fastest.seconds, peakRSSKiB: runs.map(\.peakRSSKiB).max()!, userSeconds: fastest.userSeconds,
            systemSeconds: fastest.systemSeconds)
    }

    private func kdfSeconds() throws -> Double {
        let start = ContinuousClock.now
        _ = try ContainerKey(passphrase: passphrase, salt: Array(repeating: 0, count: 16), iterations: iterations)
        return (ContinuousClock.now - start).seconds
    }

    /// System CPU time above `floor` (what reading the input costs any tool) over user CPU time.
    private func systemShare(_ row: Row, floor: Double) -> Double {
        max(row.measurement.systemSeconds - floor, 0) / max(row.measurement.userSeconds, 1e-9)
    }

    private func format(rows: [Row], sizeMiB: Int, smallMiB: Int, smallRSS: Int, kdf: Double) -> String {
        func row(_ tool: String) -> Row { rows.first { $0.tool == tool }! }
        func ratio(_ a: String, _ b: String) -> Double { row(a).megabytesPerSecond / row(b).megabytesPerSecond }
        var lines = [
            "pgbm bench crypto: \(sizeMiB) MiB file, \(iterations) PBKDF2 iterations, pinned to \(ChildProcess.pinning),"
                + " file -> /dev/null, best of \(repeats)",
            ChildProcess.Measurement.tableHeader,
        ]
        lines += rows.map { $0.measurement.row($0.tool, bytes: Double($0.bytes)) }
        let encrypt = row("pgbm encrypt")
        let streamRate = Double(encrypt.bytes) / 1e6 / max(encrypt.measurement.seconds - kdf, 1e-9)
        lines += [
            String(format: "pgbm key derivation: %.3f s (included above); pgbm encrypt without it: %.0f MB/s", kdf, streamRate),
            String(format: "ratio pgbm/openssl-ctr: encrypt %.2f, decrypt %.2f",
                   ratio("pgbm encrypt", "openssl encrypt"), ratio("pgbm decrypt", "openssl decrypt")),
            String(format: "ratio pgbm/gpg: encrypt %.2f, decrypt %.2f",
                   ratio("pgbm encrypt", "gpg encrypt"), ratio("pgbm decrypt", "gpg decrypt")),
            String(format: "pgbm encrypt peak RSS: %.1f MiB for a %d MiB file, %.1f MiB for a %d MiB file",
                   Double(smallRSS) / 1024, smallMiB, Double(encrypt.measurement.peakRSSKiB) / 1024, sizeMiB),
            String(format: "pgbm system/user CPU time: encrypt %.2f, decrypt %.2f",
                   systemShare(encrypt, floor: 0), systemShare(row("pgbm decrypt"), floor: 0)),
            String(format: "pgbm system time beyond reading the file (cat's), per user time: encrypt %.2f, decrypt %.2f (goal <= 0.10)",
                   systemShare(encrypt, floor: row("cat (read only)").measurement.systemSeconds),
                   systemShare(row("pgbm decrypt"), floor: row("cat (read only)").measurement.systemSeconds)),
        ]
        return lines.joined(separator: "\n")
    }
}
