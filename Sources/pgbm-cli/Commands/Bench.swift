import ArgumentParser

extension Pgbm {
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure pgbm against the plain tools on this machine, in one run.",
            subcommands: [BenchCrypto.self, BenchS3.self, BenchStore.self, BenchCron.self, BenchRetention.self]
        )
    }
}
