// swift-tools-version:6.0
// The benchmarks (bench/run, bench/transport/run), a package of their own so that the product
// manifest at the root carries none of them. They see the root package through its library
// products only, as any client would.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder (`arazzo`, a worktree's name, a CI clone's).
let arazzo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("..").standardizedFileURL.lastPathComponent.lowercased()

/// The main package's library products of these names.
func arazzoProducts(_ names: String...) -> [Target.Dependency] {
  names.map { .product(name: $0, package: arazzo) }
}

let package = Package(
  name: "arazzo-bench",
  platforms: [.macOS(.v14)],
  dependencies: [.package(path: "..")],
  targets: [
    // The language core in process: JSON, expressions, conditions, regexes, loading.
    .executableTarget(
      name: "arazzo-bench",
      dependencies: arazzoProducts("ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax")),
    // The live HTTP transport against a local keep-alive server (bench/transport/run).
    .executableTarget(
      name: "arazzo-transport-bench",
      dependencies: arazzoProducts("ArazzoHTTP")),
    // The machine on the seed, live and replayed (bench/README.md "Runtime").
    .executableTarget(
      name: "arazzo-runtime-bench",
      dependencies: arazzoProducts("ArazzoJSON", "ArazzoIR", "ArazzoRuntime", "ArazzoHTTP")),
    // `arazzo test --jobs N` against a loopback server answering after 50 ms (bench/README.md).
    .executableTarget(
      name: "arazzo-test-bench",
      dependencies: arazzoProducts("ArazzoCI", "ArazzoRuntime")),
  ],
  swiftLanguageModes: [.v6]
)
