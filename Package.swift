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
        .target(name: "DevlogMustache"),
        .target(
            name: "DevlogRender",
            dependencies: ["DevlogModel", "DevlogMustache"]
        ),
        // libcurl's headers (libcurl4-openssl-dev); the library itself is loaded on first use.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
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
            dependencies: ["DevlogModel", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "DevlogKit",
            dependencies: [
                "DevlogModel", "DevlogMarkdown", "DevlogImport", "DevlogStore", "DevlogRender",
                "DevlogPublish", "DevlogArchive", .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
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
            dependencies: ["DevlogModel", .product(name: "Logging", package: "swift-log")],
            path: "Tests/DevlogTestSupport"
        ),
        .testTarget(name: "DevlogModelTests", dependencies: ["DevlogModel", "DevlogTestSupport"]),
        .testTarget(name: "DevlogMarkdownTests", dependencies: ["DevlogMarkdown", "DevlogRender", "DevlogTestSupport"]),
        .testTarget(name: "DevlogImportTests", dependencies: ["DevlogImport", "DevlogTestSupport"]),
        .executableTarget(name: "devlog-store-stress", dependencies: ["DevlogStore", "DevlogModel"], path: "Tests/StoreStress"),
        .testTarget(name: "DevlogStoreTests", dependencies: ["DevlogStore", "DevlogMarkdown", "DevlogTestSupport", "devlog-store-stress",
                                                    .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(
            name: "DevlogMustacheTests",
            dependencies: ["DevlogMustache", "DevlogTestSupport", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Golden/ holds expected output, read by path: not a resource to bundle.
        .testTarget(name: "DevlogRenderTests", dependencies: ["DevlogRender", "DevlogImport", "DevlogMarkdown", "DevlogTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "DevlogPublishTests", dependencies: ["DevlogPublish", "DevlogSandbox", "DevlogTestSupport"]),
        .testTarget(name: "DevlogSandboxTests", dependencies: ["DevlogSandbox", "DevlogTestSupport"]),
        .testTarget(name: "DevlogArchiveTests", dependencies: ["DevlogArchive", "DevlogTestSupport"]),
        .testTarget(name: "devlogTests", dependencies: ["DevlogKit", "DevlogTestSupport", "DevlogPublish", "DevlogStore", "DevlogSandbox", "devlog", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)
