import ArgumentParser
import AsyncHTTPClient
import BackupAPIModels
import BackupStorage
import Foundation
import Logging
import PgbmOptions

extension Pgbm {
    struct S3: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reach an S3-compatible bucket directly: upload, download, list, delete, test.",
            subcommands: [Upload.self, Download.self, List.self, Delete.self, Test.self])

        /// Runs `body` with a store and shuts its HTTP client down afterwards.
        static func withStore<T>(_ options: S3Options, _ body: (S3Store) async throws -> T) async throws -> T {
            let configuration = try options.configuration()
            let http = S3Client.makeHTTPClient(timeouts: configuration.timeouts)
            do {
                let result = try await body(S3Store(configuration: configuration, httpClient: http, logger: Logger(label: "pgbm.cli.s3")))
                try await http.shutdown()
                return result
            } catch {
                try? await http.shutdown()
                throw error
            }
        }

        static func key(_ raw: String) throws -> ObjectKey {
            do { return try ObjectKey(raw) } catch { throw ValidationError("--key: \(error.message)") }
        }

        struct Upload: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Upload a file (multipart when large).")
            @OptionGroup var s3: S3Options
            @Option(help: "Local file.") var file: String
            @Option(help: "Object key below the prefix.") var key: String

            func run() async throws {
                try await CLIError.reporting {
                    let stored = try await S3.withStore(s3) { try await $0.put(file: file, as: S3.key(key)) }
                    print("uploaded \(stored.key): \(stored.size) bytes, ETag \(stored.etag ?? "-")")
                }
            }
        }

        struct Download: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Download an object; prints its SHA-256.")
            @OptionGroup var s3: S3Options
            @Option(help: "Object key below the prefix.") var key: String
            @Option(help: "Local file (written as FILE.partial, renamed when complete).") var file: String

            func run() async throws {
                try await CLIError.reporting {
                    let result = try await S3.withStore(s3) { try await $0.get(S3.key(key), to: file) }
                    print("\(result.sha256)  \(file) (\(result.size) bytes, \(result.resumes) resumes)")
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List objects below the prefix; without --bucket, the configured bucket's backups from their manifests.",
                discussion: """
                    With --bucket (or PGBM_S3_BUCKET) every object is listed as stored. Without, the bucket of \
                    the stored s3 settings is read the way a restore sees it: one line per backup with its \
                    database and time from the manifest beside it (`pgbm-cli restore backups` does the same).
                    """)
            @OptionGroup var s3: S3Options
            @OptionGroup var shared: SharedOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: "Only keys starting with this.") var startingWith = ""

            func run() async throws {
                try await CLIError.reporting {
                    if s3.bucket == nil && ProcessInfo.processInfo.environment["PGBM_S3_BUCKET"].map(\.isEmpty) ?? true {
                        let views = try await Pgbm.RestoreCommand.RestoreBackups.bucketEntries(shared: shared)
                            .filter { startingWith.isEmpty || $0.key?.hasPrefix(startingWith) == true }
                        try output.emit(PageResponse(items: views, nextCursor: nil)) {
                            views.isEmpty ? "no backups" : views.map(\.text).joined(separator: "\n")
                        }
                        return
                    }
                    for object in try await S3.withStore(s3, { try await $0.list(prefix: startingWith) }) {
                        print("\(object.size)\t\(object.modified.formatted(.iso8601))\t\(object.key)")
                    }
                }
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Delete an object.")
            @OptionGroup var s3: S3Options
            @Option(help: "Object key below the prefix.") var key: String

            func run() async throws {
                try await CLIError.reporting { try await S3.withStore(s3) { try await $0.delete(S3.key(key)) } }
            }
        }

        struct Test: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Check the endpoint, credentials and bucket.")
            @OptionGroup var s3: S3Options

            func run() async throws {
                try await CLIError.reporting {
                    try await S3.withStore(s3) { try await $0.testConnection() }
                    print("OK: bucket reachable and usable")
                }
            }
        }
    }
}
