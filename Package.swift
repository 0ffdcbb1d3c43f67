// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "arazzo",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "arazzo", targets: ["arazzo"]),
    .library(name: "ArazzoJSON", targets: ["ArazzoJSON"]),
    .library(name: "ArazzoExpressions", targets: ["ArazzoExpressions"]),
    .library(name: "ArazzoSyntax", targets: ["ArazzoSyntax"]),
    .library(name: "ArazzoIR", targets: ["ArazzoIR"]),
    .library(name: "ArazzoGraph", targets: ["ArazzoGraph"]),
    .library(name: "ArazzoRuntime", targets: ["ArazzoRuntime"]),
    .library(name: "ArazzoHTTP", targets: ["ArazzoHTTP"]),
    .library(name: "ArazzoDebugger", targets: ["ArazzoDebugger"]),
    .library(name: "ArazzoTour", targets: ["ArazzoTour"]),
    .library(name: "ArazzoCI", targets: ["ArazzoCI"]),
    .library(name: "ArazzoDAP", targets: ["ArazzoDAP"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
  ],
  targets: [
    // JSON values, pointers, JSONPath, JSON Schema; source locations and diagnostics. Regexes
    // call ICU's uregex API through Foundation's own copy of ICU (BoundedRegex).
    .target(
      name: "ArazzoJSON",
      linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]),
    // Runtime expressions, the condition language and criteria (no document model).
    .target(name: "ArazzoExpressions", dependencies: ["ArazzoJSON"]),
    // Loading YAML/JSON, the document model, source descriptions and validation.
    .target(
      name: "ArazzoSyntax",
      dependencies: ["ArazzoJSON", "ArazzoExpressions", .product(name: "Yams", package: "Yams")]),
    // The instruction set, lowering from the document model, the IR verifier and printer.
    .target(name: "ArazzoIR", dependencies: ["ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax"]),
    // The control flow of a lowered program as a graph, and its renderers: Mermaid, DOT, the
    // debugger's text form, and SVG/PNG through Graphviz's `dot` (apt: graphviz).
    .target(name: "ArazzoGraph", dependencies: ["ArazzoJSON", "ArazzoExpressions", "ArazzoIR"]),
    // HTTP transports (live HTTP/1.1 over SwiftNIO, HAR recording and replay, redirects) and the
    // Redactor, the one policy of what is secret in everything printed or recorded.
    .target(
      name: "ArazzoHTTP",
      dependencies: [
        "ArazzoJSON",
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),
    // The machine that runs a lowered program, input binding, request building and the text
    // reporter; requests go out through an ArazzoHTTP transport.
    .target(
      name: "ArazzoRuntime",
      dependencies: ["ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax", "ArazzoIR", "ArazzoHTTP"]),
    // The debugger: the engine deciding where to pause, the shell and its command table, the
    // value, exchange and source printers.
    .target(
      name: "ArazzoDebugger",
      dependencies: [
        "ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax", "ArazzoIR", "ArazzoRuntime",
        "ArazzoHTTP", "ArazzoGraph",
      ]),
    // `arazzo tour`: lessons (folders of data under Lessons/, copied into the build) run under
    // the debugger from their recordings, with checks on the engine's state.
    .target(
      name: "ArazzoTour",
      dependencies: [
        "ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax", "ArazzoIR", "ArazzoRuntime",
        "ArazzoHTTP", "ArazzoDebugger",
      ],
      exclude: ["Recording"],
      resources: [.copy("Lessons")]),
    // `arazzo test`: finding documents, sidecar files, test cases set up through RunPlan, the
    // scheduler that runs them in parallel in document order, and the reports (text, JSON,
    // JUnit, TAP, GitHub), coverage included.
    .target(
      name: "ArazzoCI",
      dependencies: [
        "ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax", "ArazzoIR", "ArazzoRuntime",
        "ArazzoHTTP",
      ]),
    // libedit's histedit.h, wrapped for Swift (apt: libedit-dev).
    .target(
      name: "ArazzoDAP",
      dependencies: [
        "ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax", "ArazzoIR", "ArazzoRuntime",
        "ArazzoHTTP", "ArazzoDebugger",
      ]),
    .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    // Line editing for the debugger on a terminal: prompt, history, Tab completion, Ctrl-C.
    .target(name: "LineEditor", dependencies: ["ArazzoDebugger", "CEditLine"]),
    // The command-line tool, a thin layer over the libraries.
    .executableTarget(
      name: "arazzo",
      dependencies: [
        "ArazzoJSON", "ArazzoExpressions", "ArazzoSyntax", "ArazzoIR", "ArazzoRuntime",
        "ArazzoHTTP", "ArazzoGraph",
        "ArazzoDebugger", "ArazzoTour", "LineEditor", "ArazzoCI", "ArazzoDAP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Test support, never part of `arazzo` (`make build` builds that product only). A stand-in
    // for the debugger's prompt (echoes lines read through LineEditor), for the real-terminal
    // tests (ArazzoCLITests) and bench/prompt-ready.sh.
    .executableTarget(
      name: "line-editor-probe", dependencies: ["ArazzoDebugger", "LineEditor"],
      path: "Tests/LineEditorProbe"),
    // For the tests: golden files, temporary folders, a small-stack runner, a tmux terminal.
    .target(name: "ArazzoTestSupport", path: "Tests/ArazzoTestSupport"),
    // A scriptable HTTP/1.1 server on 127.0.0.1 (TLS with a test CA, a tunnelling proxy) for the
    // transport, runtime, debugger and CLI tests.
    .target(
      name: "ArazzoTestServer",
      dependencies: [
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      path: "Tests/ArazzoTestServer", exclude: ["Certificates"]),
    .testTarget(
      name: "ArazzoHTTPTests", dependencies: ["ArazzoHTTP", "ArazzoJSON", "ArazzoTestServer"]),
    .testTarget(
      name: "ArazzoJSONTests", dependencies: ["ArazzoJSON"], exclude: ["Fixtures"]),
    .testTarget(
      name: "ArazzoExpressionsTests", dependencies: ["ArazzoExpressions", "ArazzoTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "ArazzoSyntaxTests", dependencies: ["ArazzoSyntax", "ArazzoTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "ArazzoIRTests", dependencies: ["ArazzoIR", "ArazzoTestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "ArazzoGraphTests",
      dependencies: ["ArazzoGraph", "ArazzoIR", "ArazzoTestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "ArazzoRuntimeTests",
      dependencies: [
        "ArazzoRuntime", "ArazzoSyntax", "ArazzoIR", "ArazzoHTTP", "ArazzoTestSupport",
        "ArazzoTestServer",
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "ArazzoDebuggerTests",
      dependencies: [
        "ArazzoDebugger", "ArazzoRuntime", "ArazzoSyntax", "ArazzoIR", "ArazzoHTTP", "ArazzoJSON",
        "ArazzoExpressions", "ArazzoTestSupport", "ArazzoTestServer",
      ],
      exclude: ["Fixtures"]),
    .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
    .testTarget(
      name: "ArazzoCITests", dependencies: ["ArazzoCI", "ArazzoRuntime", "ArazzoJSON"]),
    .testTarget(
      name: "ArazzoDAPTests",
      dependencies: [
        "ArazzoDAP", "ArazzoDebugger", "ArazzoRuntime", "ArazzoJSON", "ArazzoTestSupport",
        "ArazzoTestServer",
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "ArazzoCLITests",
      dependencies: ["ArazzoJSON", "ArazzoTestSupport", "ArazzoTestServer"],
      exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
