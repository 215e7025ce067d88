import Foundation

/// The command lines of the three tools; each reads the file named last and writes standard output.
struct BenchTools {
    struct Tool {
        let name: String
        let encrypt: [String]
        let decrypt: [String]
        let encrypted: String
        let inputFlag: [String]
        func input(_ path: String) -> [String] { inputFlag + [path] }
    }

    let environment: [String: String]
    let pgbm: Tool
    let all: [Tool]

    init(work: String, passphrase: String, iterations: Int) throws {
        let passFile = "\(work)/pass"
        try Data(passphrase.utf8).write(to: URL(fileURLWithPath: passFile))
        let gpgHome = "\(work)/gnupg"
        try FileManager.default.createDirectory(atPath: gpgHome, withIntermediateDirectories: true)
        environment = ["PGBM_PASSPHRASE": passphrase, "PGBM_BENCH_PASS": passphrase]
        let me = ChildProcess.pgbmCLI
        pgbm = Tool(
            name: "pgbm", encrypt: [me, "encrypt", "--iterations", "\(iterations)"], decrypt: [me, "decrypt"],
            encrypted: "\(work)/p.enc", inputFlag: ["-i"])
        let openssl = ["openssl", "enc", "-aes-256-ctr", "-pbkdf2", "-pass", "env:PGBM_BENCH_PASS"]
        let gpg = ["gpg", "--homedir", gpgHome, "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase-file", passFile, "-o", "-"]
        all = [
            pgbm,
            Tool(name: "openssl", encrypt: openssl, decrypt: openssl + ["-d"], encrypted: "\(work)/o.enc", inputFlag: ["-in"]),
            Tool(
                name: "gpg", encrypt: gpg + ["--symmetric", "--cipher-algo", "AES256", "--compress-algo", "none"],
                decrypt: gpg + ["--decrypt"], encrypted: "\(work)/g.gpg", inputFlag: []),
        ]
    }
}
