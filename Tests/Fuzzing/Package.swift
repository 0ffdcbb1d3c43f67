// swift-tools-version:6.0
// libFuzzer targets for arazzo's parsers (`make fuzz`; see docs/testing.md, "Fuzzing").
//
// A package of its own, depending on the main package by path, so the fuzz executables stay out
// of the product manifest. Build it with the sanitizer flags applied to every module (the
// libraries need the coverage instrumentation, not just the targets):
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder (`arazzo`, a worktree's name, a CI clone's).
let arazzo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("../..").standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
  name: "arazzo-fuzz",
  dependencies: [.package(path: "../..")],
  targets: [
    // libFuzzer's LLVMFuzzerRunDriver, declared for Swift.
    .target(name: "CLibFuzzer"),
    // The driver, the fixed context and document the targets evaluate against, input splitting.
    .target(
      name: "FuzzSupport",
      dependencies: [
        "CLibFuzzer",
        .product(name: "ArazzoJSON", package: arazzo),
        .product(name: "ArazzoExpressions", package: arazzo),
      ]),
    .executableTarget(
      name: "fuzz-loader",
      dependencies: [
        "FuzzSupport", .product(name: "ArazzoJSON", package: arazzo),
        .product(name: "ArazzoSyntax", package: arazzo),
      ]),
    .executableTarget(
      name: "fuzz-expression",
      dependencies: [
        "FuzzSupport", .product(name: "ArazzoJSON", package: arazzo),
        .product(name: "ArazzoExpressions", package: arazzo),
      ]),
    .executableTarget(
      name: "fuzz-condition",
      dependencies: [
        "FuzzSupport", .product(name: "ArazzoJSON", package: arazzo),
        .product(name: "ArazzoExpressions", package: arazzo),
      ]),
    .executableTarget(
      name: "fuzz-jsonpath",
      dependencies: ["FuzzSupport", .product(name: "ArazzoJSON", package: arazzo)]),
    .executableTarget(
      name: "fuzz-jsonschema",
      dependencies: ["FuzzSupport", .product(name: "ArazzoJSON", package: arazzo)]),
    .executableTarget(
      name: "fuzz-har",
      dependencies: [
        "FuzzSupport", .product(name: "ArazzoJSON", package: arazzo),
        .product(name: "ArazzoHTTP", package: arazzo),
      ]),
  ],
  swiftLanguageModes: [.v6]
)
