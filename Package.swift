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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
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
        // Joins each transaction's WAL frames into one write (system libsqlite3).
        .target(name: "CSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "DevlogStore",
            dependencies: ["DevlogModel", "CSQLite", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]
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
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "DevlogSandbox",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
        .target(
            name: "DevlogArchive",
            dependencies: [
                "DevlogModel", .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"), .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .target(
            name: "DevlogKit",
            dependencies: [
                "DevlogModel", "DevlogMarkdown", "DevlogImport", "DevlogStore", "DevlogRender",
                "DevlogPublish", "DevlogArchive", .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "devlog",
            dependencies: [
                "DevlogKit",
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
                "DevlogKit", "DevlogPublish", "DevlogSandbox", .product(name: "Mustache", package: "swift-mustache"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "benchmarks/Sources/devlog-bench"
        ),
        .target(
            name: "DevlogTestSupport",
            dependencies: ["DevlogModel"],
            path: "Tests/DevlogTestSupport"
        ),
        .testTarget(name: "DevlogModelTests", dependencies: ["DevlogModel", "DevlogTestSupport"]),
        .testTarget(name: "DevlogMarkdownTests", dependencies: ["DevlogMarkdown", "DevlogRender", "DevlogTestSupport"]),
        .testTarget(name: "DevlogImportTests", dependencies: ["DevlogImport", "DevlogTestSupport"]),
        .executableTarget(name: "devlog-store-stress", dependencies: ["DevlogStore", "DevlogModel"], path: "Tests/StoreStress"),
        .testTarget(name: "DevlogStoreTests", dependencies: ["DevlogStore", "DevlogMarkdown", "DevlogTestSupport", "devlog-store-stress", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "DevlogMustacheTests",
            dependencies: ["DevlogMustache", "DevlogTestSupport", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Golden/ holds expected output, read by path: not a resource to bundle.
        .testTarget(name: "DevlogRenderTests", dependencies: ["DevlogRender", "DevlogImport", "DevlogMarkdown", "DevlogTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "DevlogPublishTests", dependencies: ["DevlogPublish", "DevlogSandbox", "DevlogTestSupport"]),
        .testTarget(name: "DevlogArchiveTests", dependencies: ["DevlogArchive", "DevlogTestSupport"]),
        .testTarget(name: "devlogTests", dependencies: ["DevlogKit", "DevlogTestSupport", "DevlogPublish", "DevlogStore", "DevlogSandbox", "devlog", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)
