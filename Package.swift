// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "recrepo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "recrepo", targets: ["recrepo"]),
        .library(name: "RecordRepo", targets: ["RecordRepo"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "RecordIndex", targets: ["RecordIndex"]),
        .library(name: "WebApp", targets: ["WebApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(
            name: "RecordRepo",
            dependencies: [
                "CGit2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // The bounds on what reaches the markdown parser (issue 16): pure Swift, shared by the
        // service that refuses new bodies and the renderer that shows stored ones.
        .target(name: "MarkdownLimits", swiftSettings: strict),
        .target(
            name: "Documents", dependencies: ["RecordRepo", "MarkdownLimits"], swiftSettings: strict, plugins: ["EmbedFiles"]),
        // The derived SQLite index of the history (issue 4); the only target that imports GRDB.
        .target(
            name: "RecordIndex",
            dependencies: [
                "RecordRepo", "Documents", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .target(name: "SOPRender", dependencies: ["CCmarkGFM", "MarkdownLimits"], swiftSettings: strict, plugins: ["EmbedFiles"]),
        // Compiles schemas/ into Documents and templates/ into SOPRender (see Plugins/EmbedFiles).
        .executableTarget(name: "embed-files", path: "Sources/EmbedFilesTool", swiftSettings: strict),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        // The web application (issue 19): pages and the JSON API over the same services as the CLI.
        .target(
            name: "WebApp",
            dependencies: [
                "RecordRepo", "Documents", "SOPRender", "RecordIndex",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict, plugins: ["EmbedFiles"]),
        .executableTarget(
            name: "recrepo",
            dependencies: [
                "RecordRepo", "Documents", "SOPRender", "RecordIndex", "WebApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "recrepo-bench", dependencies: ["RecordRepo", "Documents", "RecordIndex", "SOPRender", "CCmarkGFM", "WebApp"], path: "Sources/Benchmarks",
            swiftSettings: strict),
        // What both test targets build their plants with.
        .target(
            name: "RecrepoTestSupport", dependencies: ["RecordRepo", "Documents", "SOPRender"], path: "Tests/Support",
            swiftSettings: strict),
        .testTarget(
            name: "RecrepoTests",
            dependencies: [
                "RecrepoTestSupport", "RecordRepo", "Documents", "SOPRender", "RecordIndex", "MarkdownLimits",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "RecrepoTestSupport", "RecordRepo", "Documents", "RecordIndex",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict),
    ]
)
