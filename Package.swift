// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cowork-dist",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cowork-dist", targets: ["cowork-dist"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries, found with pkg-config (Debian: libyaml-dev, libarchive-dev,
        // libdeflate-dev, libpcre2-dev).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"]), .brew(["libarchive"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]),

        // Ordered JSON value, JSON/JSONC/YAML readers with positions, canonical writer, JSON Pointer.
        .target(name: "Documents", dependencies: ["CYAML", .product(name: "Crypto", package: "swift-crypto")]),
        // Findings (severity, code, message, file:line:column, pointer, hint) and their renderers.
        .target(name: "Diagnostics", dependencies: ["Documents"]),
        // JSON Schema draft 2020-12 validator.
        .target(name: "Schema", dependencies: ["CPCRE2", "Documents", "Diagnostics"]),
        // Deterministic archives, checksums, atomic writes, safe extraction.
        .target(name: "Packaging", dependencies: [
            "CArchive", "CDeflate", "Documents", "Diagnostics",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The Open Cowork domain: manifest, upstream, layers, merge, provenance, rules, content.
        .target(name: "OpenCowork", dependencies: ["Documents", "Diagnostics", "Schema", "Packaging", "ManagedPolicy"],
                exclude: ["Resources"]),
        // Data files compiled into the binary (registry, presets, init templates, stand-in
        // upstream): the folders listed in Sources/BundledFiles/embedded-roots.txt.
        .target(name: "BundledFiles", exclude: ["embedded-roots.txt"], plugins: ["EmbedFilesPlugin"]),
        .executableTarget(name: "EmbedFilesTool"),
        .plugin(name: "EmbedFilesPlugin", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        // Cowork on 3P managed preferences: key registry (data), validation, exporters, importers, org plugins.
        // Its Resources/ folder is compiled in through BundledFiles, not shipped as a bundle.
        .target(name: "ManagedPolicy", dependencies: ["Documents", "Diagnostics", "Packaging", "BundledFiles"],
                exclude: ["Resources"]),
        // The model audit (audit-models): model references in an Open Cowork config or a 3P
        // policy, checked against provider catalogs (files, or HTTP through OpenCowork's BoundedHTTP).
        .target(name: "ModelAudit", dependencies: ["Documents", "Diagnostics", "Packaging", "OpenCowork", "ManagedPolicy"]),
        // Stages 5-8 over both systems: every finding (check), the bundle plan, artifacts.
        .target(name: "Distribution", dependencies: ["Documents", "Diagnostics", "Schema", "Packaging", "OpenCowork", "ManagedPolicy", "BundledFiles"]),
        // Subcommands: argument parsing and wiring of library stages only.
        .target(name: "CoworkDistCLI", dependencies: [
            "Documents", "Diagnostics", "Schema", "Packaging", "OpenCowork", "ManagedPolicy", "ModelAudit", "Distribution",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "cowork-dist", dependencies: ["CoworkDistCLI"]),

        // Helpers shared by the test targets: ../shared lookup, temporary directories, processes.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "TestSupport"]),
        .testTarget(name: "SchemaTests", dependencies: ["Schema", "TestSupport"]),
        .testTarget(name: "PackagingTests", dependencies: ["Packaging", "TestSupport"]),
        .testTarget(name: "OpenCoworkTests", dependencies: ["OpenCowork", "TestSupport"]),
        .testTarget(name: "ManagedPolicyTests", dependencies: ["ManagedPolicy", "TestSupport"]),
        .testTarget(name: "ModelAuditTests", dependencies: ["ModelAudit", "TestSupport"]),
        .testTarget(name: "DistributionTests", dependencies: ["Distribution", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["CoworkDistCLI", "TestSupport"]),
        .testTarget(name: "BundledFilesTests", dependencies: ["BundledFiles", "TestSupport"]),
    ]
)
