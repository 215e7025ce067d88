// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "pgbm",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BackupCrypto", targets: ["BackupCrypto"]),
        .library(name: "BackupStorage", targets: ["BackupStorage"]),
        .library(name: "BackupCron", targets: ["BackupCron"]),
        .library(name: "BackupRepository", targets: ["BackupRepository"]),
        .library(name: "BackupDump", targets: ["BackupDump"]),
        .library(name: "BackupCore", targets: ["BackupCore"]),
        .library(name: "BackupAPIModels", targets: ["BackupAPIModels"]),
        .library(name: "BackupAPI", targets: ["BackupAPI"]),
        .executable(name: "pgbm-server", targets: ["pgbm-server"]),
        .executable(name: "pgbm-cli", targets: ["pgbm-cli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: Independent modules
        .target(
            name: "BackupCrypto",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BackupStorage",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                "CCRC32C",
            ],
            exclude: ["CRC32C"],
            swiftSettings: swiftSettings
        ),
        // CRC-32C with the CPU's crc32 instruction, for S3 checksums (BackupStorage's only C code).
        .target(name: "CCRC32C", path: "Sources/BackupStorage/CRC32C"),
        .target(name: "BackupCron", path: "Sources/BackupCore/Cron", swiftSettings: swiftSettings),
        .target(
            name: "BackupRepository",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/BackupCore/Repository",
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        // glibc's mallopt and malloc_trim for pgbm-server (<malloc.h> is in libc: no package, nothing to link).
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "BackupDump",
            dependencies: [
                "CLibPQ",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/BackupCore/Dump",
            swiftSettings: swiftSettings
        ),

        // MARK: Composition
        .target(
            name: "BackupCore",
            dependencies: [
                "BackupCrypto", "BackupStorage", "BackupCron", "BackupRepository", "BackupDump", "CZstd", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            exclude: ["Cron", "Repository", "Dump"],
            swiftSettings: swiftSettings
        ),
        // The API's response types and JSON coder, which `pgbm-cli --json` prints too: no HTTP here.
        .target(name: "BackupAPIModels", dependencies: ["BackupCore", "BackupRepository"], swiftSettings: swiftSettings),
        .target(
            name: "BackupAPI",
            dependencies: [
                "BackupAPIModels", "BackupCore", "BackupRepository",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The web UI: plain HTML, CSS and JavaScript modules, no build step (Docs/UI.md).
            resources: [.copy("UI")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PgbmOptions",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "pgbm-server",
            dependencies: [
                "BackupAPI", "BackupCore", "BackupRepository", "BackupStorage", "PgbmOptions", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "pgbm-cli",
            dependencies: [
                "BackupCrypto", "BackupStorage", "BackupCron", "BackupRepository", "BackupDump", "BackupCore", "PgbmOptions",
                "BackupAPIModels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks
        // pgbm against the plain tools (Benchmarks/README.md); not shipped, built by the test command so it keeps compiling.
        .executableTarget(
            name: "pgbm-bench",
            dependencies: [
                "BackupCrypto", "BackupStorage", "BackupCron", "BackupRepository", "BackupCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Sources/pgbm-bench", swiftSettings: swiftSettings),

        // MARK: Example
        // A Swift service embedding pgbm (Docs/ARCHITECTURE.md, BackupCore's "Embedding pgbm" article); built and
        // run by the test command.
        .executableTarget(
            name: "pgbm-example-embedded",
            dependencies: [
                "BackupCore", "BackupRepository",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Examples/EmbeddedBackup", swiftSettings: swiftSettings),

        // MARK: Tests
        // Second processes for the tests (several writers on one store, a lease holder to kill); not shipped.
        .executableTarget(
            name: "pgbm-test-tool",
            dependencies: [
                "BackupRepository",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestTool", swiftSettings: swiftSettings),
        .target(
            name: "TestSupport", dependencies: [.product(name: "Logging", package: "swift-log")], path: "Tests/TestSupport",
            exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(name: "BackupCryptoTests", dependencies: ["BackupCrypto", "TestSupport"],
                    exclude: ["Fixtures"], resources: [.copy("Vectors")], swiftSettings: swiftSettings),
        .testTarget(
            name: "BackupStorageTests",
            dependencies: [
                "BackupStorage", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BackupCronTests", dependencies: ["BackupCron", "TestSupport"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BackupRepositoryTests",
            dependencies: ["BackupRepository", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .target(
            name: "PostgresTestSupport", dependencies: ["BackupDump", "TestSupport"], path: "Tests/PostgresTestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BackupDumpTests", dependencies: ["BackupDump", "TestSupport", "PostgresTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BackupCoreTests",
            dependencies: [
                "BackupCore", "BackupCrypto", "BackupDump", "BackupStorage", "BackupRepository", "TestSupport",
                "PostgresTestSupport", .product(name: "Logging", package: "swift-log"),
                // SealedAlertURLTests builds a store as an older pgbm left it (migrations before v5).
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "BackupAPITests",
            dependencies: [
                "BackupAPI", "BackupAPIModels", "BackupCore", "BackupRepository", "BackupStorage", "BackupDump", "TestSupport",
                "PostgresTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "TestSupport", "PostgresTestSupport", "BackupStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PgbmCLITests",
            dependencies: [
                "TestSupport", "PostgresTestSupport", "BackupRepository", .product(name: "Logging", package: "swift-log"),
                // CLIJSONDialectTests reads the API's JSON of the records the CLI printed.
                "BackupAPI", "BackupCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
    ]
)
