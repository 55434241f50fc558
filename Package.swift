// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "qcode",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "QCodeKit", targets: ["QCodeKit"]),
        .executable(name: "qcode", targets: ["qcode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Only the team server target (QCodeServer) uses it: the SQLite path never does.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // SQLite's session extension (changesets), for undo and redo.
        .target(
            name: "CSQLiteSession",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // ReadStat (Debian's libreadstat-dev), for SPSS .sav and Stata .dta files.
        .systemLibrary(
            name: "CReadStat",
            providers: [.apt(["libreadstat-dev"])]
        ),
        .target(
            name: "QCodeKit",
            dependencies: [
                "CSQLiteSession",
                "CReadStat",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The team server: a project in PostgreSQL (network code lives only here).
        .target(
            name: "QCodeServer",
            dependencies: [
                "QCodeKit",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "qcode",
            dependencies: [
                "QCodeKit",
                "QCodeServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "qcode-bench",
            dependencies: ["QCodeKit", "QCodeServer"]
        ),
        .testTarget(
            name: "QCodeKitTests",
            dependencies: [
                "QCodeKit",
                "CReadStat",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "QCodeServerTests",
            dependencies: ["QCodeServer", "QCodeKit"]
        ),
        .testTarget(
            name: "qcodeTests",
            dependencies: ["qcode"]
        ),
    ]
)
