// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Zhuti",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Zhuti", targets: ["Zhuti"]),
        .executable(name: "zhuti", targets: ["ZhutiCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Debian's reference BLAS/LAPACK (libblas-dev, liblapack-dev); OpenBLAS replaces
        // libblas.so.3 at run time through Debian's alternatives when installed.
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        .target(
            name: "Zhuti",
            dependencies: [
                "CLinearAlgebra",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "ZhutiServer",
            dependencies: [
                "Zhuti",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The API description and the web page are files (one source each), compiled
            // into the binary so a copied `zhuti` serves them without a resource bundle.
            resources: [.embedInCode("Resources/openapi.yaml"), .embedInCode("Resources/index.html")]
        ),
        .executableTarget(
            name: "ZhutiCLI",
            dependencies: [
                "Zhuti",
                "ZhutiServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ZhutiTests", dependencies: ["Zhuti"]),
        .testTarget(
            name: "ZhutiServerTests",
            dependencies: [
                "Zhuti",
                "ZhutiServer",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
