import ArgumentParser
import BackupCrypto
import BackupRepository
import BackupStorage
import Foundation

/// Turns library errors into a message on standard error and a distinct exit code.
enum CLIError {
    /// Runs `body`; a container, file or CLI error is printed and becomes its exit code.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ContainerError {
            fail(error.description, code: exitCode(for: error))
        } catch let error as FileIOError {
            fail(error.description, code: 1)
        } catch let error as StorageError {
            fail("\(error.message) [\(error.code)]", code: storageExitCode(error))
        } catch let error as ValidationFailure {
            fail(error.description, code: 64)
        } catch let error as StoreError {
            fail(error.message, code: [.invalid, .conflict].contains(error.code) ? 64 : 1)
        } catch let error as CLIFailure {
            fail(error.message, code: error.code)
        }
    }

    static func exitCode(for error: ContainerError) -> Int32 {
        switch error {
        case .notContainer, .unsupportedVersion, .unsupportedKDF, .parameterOutOfRange: 3
        case .wrongPassphrase: 4
        case .corrupted: 5
        case .truncated: 6
        case .trailingData: 7
        case .emptyPassphrase, .tooManyChunks: 1
        }
    }

    /// 10 + a stable number per storage failure kind, so scripts can tell them apart.
    static func storageExitCode(_ error: StorageError) -> Int32 {
        let order: [StorageError.Code] = [
            .badCredentials, .bucketMissing, .accessDenied, .wrongRegion, .clockSkew, .unreachable, .tls, .integrity,
            .notFound, .invalidKey, .io, .configuration, .server,
        ]
        return 10 + Int32(order.firstIndex(of: error.code) ?? order.count)
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("pgbm-cli: error: \(message)\n".utf8))
        exit(code)
    }
}
