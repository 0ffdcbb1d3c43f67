import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo graph` end to end: each format, `-o`, the refusals, and Graphviz missing.
@Suite struct GraphCommandTests {
  static let seed = ValidateCommandTests.seed
  static let goldens = TestPaths.root.appendingPathComponent(
    "Tests/ArazzoGraphTests/Fixtures/examples")

  /// Mermaid by default and DOT with `--format dot`: exactly the graph goldens; warnings to
  /// stderr.
  @Test func textFormatsPrintTheGoldens() throws {
    for (arguments, ext) in [([String](), "mmd"), (["--format", "dot"], "dot")] {
      let result = try CLI.run(["graph", Self.seed] + arguments)
      #expect(result.status == 0, "\(result.stderr)")
      let golden = Self.goldens.appendingPathComponent(
        "dbt-cloud.dbt-cloud-trigger-run-and-poll.\(ext)")
      #expect(result.stdout == (try String(contentsOf: golden, encoding: .utf8)))
      #expect(result.stderr.contains("warning[AZ2026]"))
    }
    let mermaid = try CLI.run(["graph", Self.seed, "--format", "mermaid"])
    #expect(mermaid.stdout.hasPrefix("flowchart TD\n"))
  }

  /// SVG and PNG are drawn by Graphviz into `-o FILE` (and SVG to stdout without it). CI
  /// installs Graphviz (`.ci/deps test`).
  @Test func picturesAreDrawnByGraphviz() throws {
    let folder = try TemporaryFolder(prefix: "arazzo-graph")
    let svgPath = folder.appending("seed.svg").path
    let svg = try CLI.run(["graph", Self.seed, "--format", "svg", "-o", svgPath])
    #expect(svg.status == 0, "\(svg.stderr)")
    #expect(svg.stdout.isEmpty)
    let text = try String(contentsOfFile: svgPath, encoding: .utf8)
    #expect(text.contains("<svg") && text.contains("</svg>"))
    #expect(text.contains(">pollRun</text>"))
    #expect(text.contains(">keepPolling</text>") || text.contains("> keepPolling </text>"))
    let pngPath = folder.appending("seed.png").path
    let png = try CLI.run(["graph", Self.seed, "--format", "png", "--output", pngPath])
    #expect(png.status == 0, "\(png.stderr)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: pngPath))
    #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    let toStdout = try CLI.run(["graph", Self.petshop, "--format", "svg"])
    #expect(toStdout.status == 0)
    #expect(toStdout.stdout.contains("<svg") && toStdout.stdout.contains("place&#45;order"))
  }

  static let petshop = TestPaths.root.appendingPathComponent(
    "examples/petshop/arazzo/petshop.arazzo.yaml"
  ).path

  /// Without `dot` on PATH, SVG and PNG are a clear error naming the package; exit 1, no file.
  @Test func withoutGraphvizTheErrorNamesThePackage() throws {
    let folder = try TemporaryFolder(prefix: "arazzo-graph")
    for format in ["svg", "png"] {
      let out = folder.appending("seed.\(format)").path
      let result = try CLI.run(
        ["graph", Self.seed, "--format", format, "-o", out],
        environment: ["PATH": folder.url.path])
      #expect(result.status == 1)
      #expect(
        result.stderr.contains(
          "error: drawing SVG or PNG needs Graphviz's `dot`, which is not on PATH; install the package 'graphviz' (apt-get install graphviz)"
        ), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out))
    }
    // The text formats need nothing.
    let mermaid = try CLI.run(["graph", Self.seed], environment: ["PATH": folder.url.path])
    #expect(mermaid.status == 0)
  }

  @Test func refusals() throws {
    let missing = try CLI.run(["graph", "--workflow", "nope", Self.seed])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("error: no workflow 'nope' (workflows: trigger-run-and-poll)"))
    let strict = try CLI.run(["graph", "--strict", Self.seed])
    #expect(strict.status == 2)
    #expect(strict.stdout.contains("error[AZ2025]"))
    #expect(!strict.stdout.contains("flowchart"))
    let format = try CLI.run(["graph", "--format", "jpeg", Self.seed])
    #expect(format.status == 2)
    let unwritable = try CLI.run(["graph", Self.seed, "-o", "/nonexistent-dir/x.mmd"])
    #expect(unwritable.status == 1)
    #expect(unwritable.stderr.contains("error: cannot write '/nonexistent-dir/x.mmd'"))
  }

  /// `--workflow` draws that workflow first, then only what it reaches.
  @Test func oneWorkflowAndWhatItReaches() throws {
    let result = try CLI.run(["graph", Self.petshop, "--workflow", "place-order"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("subgraph wf1 [\"workflow place-order\"]"))
    #expect(!result.stdout.contains("adopt-a-pet"))
    #expect(!result.stdout.contains("shop-is-open"))
  }
}
