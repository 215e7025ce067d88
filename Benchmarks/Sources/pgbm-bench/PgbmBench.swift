import ArgumentParser

/// `pgbm-bench`: measures pgbm against the plain tools it replaces, in one run on this machine.
///
/// Not shipped: the benchmark executable lives apart from `pgbm-cli` (as NIO's performance tester and
/// Hummingbird's benchmarks do). Tools that pgbm runs as a child process (`encrypt`, `s3 upload`) are
/// the `pgbm-cli` next to this executable. `Benchmarks/README.md` describes every benchmark;
/// `Benchmarks/run-all` and `Benchmarks/check` run them.
@main
struct PgbmBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgbm-bench",
        abstract: "Measure pgbm against the plain tools on this machine, in one run.",
        subcommands: [BenchCrypto.self, BenchS3.self, BenchStore.self, BenchCron.self, BenchRetention.self]
    )
}
