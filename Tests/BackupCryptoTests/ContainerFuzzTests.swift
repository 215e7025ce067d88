import BackupCrypto
import Foundation
import TestSupport
import Testing

/// A mutation fuzzer for the container decoder: thousands of randomly damaged containers per run, each
/// read with ``ContainerDecryptor`` in random block sizes. None may trap; each must either decrypt to
/// exactly the original plaintext (only when the mutation changed nothing) or fail with one of the
/// format's read errors, having released only whole, authentic chunks that lie before the first changed
/// byte.
///
/// `PGBM_FUZZ_SEED` replays a run (its seed is printed at the start and named in every failure);
/// `PGBM_FUZZ_MUTATIONS` sets how many mutations run (default 3,000). `Docs/TESTING.md` has the longer run.
@Suite("Container decoder fuzzing")
struct ContainerFuzzTests {
    static let chunk = CryptoFixture.chunkSize
    static let record = chunk + 16

    /// A plaintext, its container and the key derived from the container's header.
    struct Original {
        let plaintext: [UInt8]
        let container: [UInt8]
        let key: ContainerKey
        var layout: ContainerMutation.Layout { .init(chunkSize: ContainerFuzzTests.chunk, byteCount: container.count) }

        init(_ plaintext: [UInt8]) throws {
            self.plaintext = plaintext
            container = try CryptoFixture.encrypt(plaintext)
            let header = try ContainerHeader(decoding: container)
            key = try ContainerKey(passphrase: CryptoFixture.passphrase, salt: header.salt, iterations: Int(header.iterations))
        }
    }

    /// Three full chunks and a short final one; two full chunks (the last one final); an empty plaintext.
    static let originals: [Original] = [
        try! Original(CryptoFixture.plaintext(3 * chunk + 100, seed: 7)),
        try! Original(CryptoFixture.plaintext(2 * chunk, seed: 8)),
        try! Original([]),
    ]

    /// Read block sizes: byte by byte (rarely: it is slow), below, at and above a stored chunk, and whole.
    static let blockSizes = [13, 1000, record - 1, record, record + 1, 3 * record, 1 << 20]

    /// The errors a reader of damaged data may report.
    static let readErrors: Set<ContainerError.Code> = [
        .notContainer, .unsupportedVersion, .unsupportedKDF, .parameterOutOfRange, .wrongPassphrase, .corrupted, .truncated,
        .trailingData,
    ]

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    @Test("damaged containers fail with a ContainerError and release only authentic chunks before the damage")
    func mutatedContainers() throws {
        let seed = Self.environment["PGBM_FUZZ_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
        let count = Self.environment["PGBM_FUZZ_MUTATIONS"].flatMap { Int($0) } ?? 3000
        // Printed before the first mutation, so a trap that ends the process still shows how to replay it
        FileHandle.standardError.write(Data("ContainerFuzzTests: PGBM_FUZZ_SEED=\(seed) PGBM_FUZZ_MUTATIONS=\(count)\n".utf8))

        var failures: [String] = []
        var unchanged = 0
        var kinds: Set<String> = []
        for index in 0..<count {
            var rng = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
            let original = Self.originals.randomElement(using: &rng)!
            let mutation = ContainerMutation.random(for: original.layout, using: &rng)
            let damaged = mutation.apply(to: original.container, chunkSize: Self.chunk)
            let blockSize = rng.chance(50) ? 1 : Self.blockSizes.randomElement(using: &rng)!
            if damaged == original.container { unchanged += 1 }
            kinds.formUnion(mutation.steps.map(\.kind))

            let result = Self.decrypt(damaged, key: original.key, blockSize: blockSize)
            if let problem = Self.problem(with: result, damaged: damaged, original: original) {
                failures.append("mutation \(index) (\(mutation); read in blocks of \(blockSize)): \(problem)")
                if failures.count == 10 { break }
            }
        }
        #expect(
            failures.isEmpty,
            "replay with PGBM_FUZZ_SEED=\(seed) PGBM_FUZZ_MUTATIONS=\(count):\n\(failures.joined(separator: "\n"))")
        if count >= 1000 {
            // The run reached every kind of damage (and a few mutations that changed nothing, which must decrypt)
            let missing = ContainerMutation.Step.kinds.subtracting(kinds)
            #expect(missing.isEmpty, "seed \(seed): no mutation of the kinds \(missing.sorted())")
            #expect(unchanged > 0, "seed \(seed): no mutation left the container unchanged")
        }
    }

    /// What is wrong with how the decoder read `damaged`, or `nil` when it behaved.
    static func problem(with result: CryptoFixture.Decrypted, damaged: [UInt8], original: Original) -> String? {
        let released = result.plaintext
        guard let error = result.error else {
            if damaged != original.container { return "a changed container decrypted without an error (\(released.count) bytes)" }
            return released == original.plaintext ? nil : "the unchanged container decrypted to other bytes"
        }
        if damaged == original.container { return "the unchanged container failed: \(error)" }
        guard readErrors.contains(error.code) else { return "\(error.code) is not an error of damaged data: \(error)" }
        guard released.count <= original.plaintext.count, released.elementsEqual(original.plaintext.prefix(released.count)) else {
            return "released \(released.count) bytes that are not the original plaintext's start (\(error))"
        }
        guard released.count % chunk == 0 else { return "released \(released.count) bytes: not whole chunks (\(error))" }
        let samePrefix = zip(damaged, original.container).prefix { $0 == $1 }.count
        let intact = max(0, samePrefix - ContainerHeader.byteCount) / record
        guard released.count / chunk <= intact else {
            return "released \(released.count / chunk) chunks, but only \(intact) stood unchanged before the damage (\(error))"
        }
        return nil
    }

    /// Decrypts with `key`, feeding blocks of `blockSize`; what was released until the first error.
    static func decrypt(_ container: [UInt8], key: ContainerKey, blockSize: Int) -> CryptoFixture.Decrypted {
        var result = CryptoFixture.Decrypted()
        var decryptor = ContainerDecryptor(key: key)
        do {
            for block in container.chunked(blockSize) {
                for piece in try decryptor.update(block) { result.plaintext += piece }
            }
            for piece in try decryptor.finalize() { result.plaintext += piece }
        } catch {
            result.error = error
        }
        return result
    }
}
