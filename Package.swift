// swift-tools-version: 6.1
import PackageDescription

// One module per pipeline stage (parse → model → store → render → publish/archive), so each can be
// used and tested alone; DevlogKit is the facade a Swift program embeds and the CLI stays thin.
let package = Package(
    name: "devlog",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "devlog", targets: ["devlog"]),
        .executable(name: "devlog-sandbox", targets: ["devlog-sandbox"]),
        .library(name: "DevlogKit", targets: ["DevlogKit"]),
        // The Discord stand-in, for other packages' tests as for ours.
        .library(name: "DevlogSandbox", targets: ["DevlogSandbox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Named for the sandbox's own imports; Hummingbird depends on them already.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Named for the PostgreSQL store's TLS settings; postgres-nio depends on it already.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        .target(name: "DevlogModel"),
        .target(
            name: "DevlogMarkdown",
            dependencies: ["DevlogModel"]
        ),
        .target(
            name: "DevlogImport",
            dependencies: ["DevlogModel", "DevlogMarkdown", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "DevlogStore",
            dependencies: ["DevlogModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The shared store, apart so that what only SQLite users read holds no NIO.
        .target(
            name: "DevlogPostgres",
            dependencies: ["DevlogModel", "DevlogStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "DevlogMustache"),
        .target(
            name: "DevlogRender",
            dependencies: ["DevlogModel", "DevlogMustache"]
        ),
        // The system libcurl, found through pkg-config and linked like any other library.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "DevlogPublish",
            dependencies: ["CCurl", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "DevlogSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DevlogArchive",
            dependencies: [
                "DevlogModel", .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Metrics over cycles, from plain rows: `devlog trends` and the site's charts.
        .target(name: "DevlogTrends", dependencies: ["DevlogModel"]),
        // The static site: devlogs as HTML through Ink, metrics as inline SVG charts.
        .target(
            name: "DevlogSite",
            dependencies: ["DevlogModel", "DevlogTrends", .product(name: "Ink", package: "Ink"), .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "DevlogKit",
            dependencies: [
                "DevlogModel", "DevlogMarkdown", "DevlogImport", "DevlogStore", "DevlogPostgres", "DevlogRender",
                "DevlogPublish", "DevlogArchive", "DevlogTrends", "DevlogSite", .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "devlog",
            dependencies: [
                "DevlogKit", "DevlogModel", "DevlogRender", "DevlogPublish", "DevlogArchive", "DevlogTrends",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "devlog-sandbox",
            dependencies: ["DevlogSandbox", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "devlog-bench",
            dependencies: [
                "DevlogKit", "DevlogModel", "DevlogMarkdown", "DevlogImport", "DevlogStore", "DevlogRender", "DevlogPublish", "DevlogSandbox",
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "benchmarks/Sources/devlog-bench"
        ),
        .target(
            name: "DevlogTestSupport",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/DevlogTestSupport"
        ),
        .testTarget(name: "DevlogModelTests", dependencies: ["DevlogModel", "DevlogTestSupport"]),
        .testTarget(name: "DevlogMarkdownTests", dependencies: ["DevlogMarkdown", "DevlogModel", "DevlogTestSupport"]),
        .testTarget(name: "DevlogImportTests", dependencies: ["DevlogImport", "DevlogMarkdown", "DevlogModel", "DevlogTestSupport"]),
        .executableTarget(name: "devlog-store-stress", dependencies: ["DevlogStore", "DevlogModel"], path: "Tests/StoreStress"),
        .testTarget(name: "DevlogStoreTests", dependencies: ["DevlogStore", "DevlogModel", "DevlogMarkdown", "DevlogTestSupport", "devlog-store-stress",
                                                    .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "DevlogPostgresTests", dependencies: ["DevlogPostgres", "DevlogStore", "DevlogModel", "DevlogTestSupport",
                                                       .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "DevlogMustacheTests",
            dependencies: ["DevlogMustache", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Golden/ holds expected output, read by path: not a resource to bundle.
        .testTarget(name: "DevlogRenderTests", dependencies: ["DevlogRender", "DevlogModel", "DevlogImport", "DevlogMarkdown", "DevlogTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "DevlogTrendsTests", dependencies: ["DevlogTrends", "DevlogModel"]),
        .testTarget(name: "DevlogSiteTests", dependencies: ["DevlogSite", "DevlogTrends", "DevlogModel", "DevlogTestSupport"]),
        .testTarget(name: "DevlogPublishTests", dependencies: ["DevlogPublish", "DevlogSandbox", "DevlogTestSupport"]),
        .testTarget(name: "DevlogSandboxTests", dependencies: ["DevlogSandbox", "DevlogTestSupport"]),
        .testTarget(name: "DevlogArchiveTests", dependencies: ["DevlogArchive", .product(name: "Logging", package: "swift-log")]),
        // `devlog`: the tests run the built binary (CommandRunner).
        .testTarget(name: "devlogTests", dependencies: [
            "DevlogKit", "DevlogModel", "DevlogStore", "DevlogPublish", "DevlogArchive", "DevlogSandbox", "DevlogTestSupport", "devlog",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
