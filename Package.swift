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
        .executableTarget(
            name: "ZhutiCLI",
            dependencies: [
                "Zhuti",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ZhutiTests", dependencies: ["Zhuti"]),
    ],
    swiftLanguageModes: [.v6]
)
