import ArazzoGraph
import ArazzoIR
import ArazzoTestSupport
import Foundation
import Testing

/// Golden graphs, Mermaid (`.mmd`) and DOT (`.dot`), for every document found by scanning:
/// `examples/<name>/arazzo/<doc>.arazzo.yaml` → `Fixtures/examples/<name>.<doc>.{mmd,dot}`, each
/// runtime fixture `Tests/ArazzoCLITests/Fixtures/runs/<case>/workflow.arazzo.yaml` →
/// `Fixtures/runs/<case>.{mmd,dot}`, and `Fixtures/<name>.arazzo.yaml` here →
/// `Fixtures/<name>.{mmd,dot}`. Record with `ARAZZO_RECORD=1`.
@Suite struct GraphGoldenTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// Each document (its path under the package root) and its golden's path without extension.
  static var documents: [GoldenDocument] {
    let files = FileManager.default
    let root = TestPaths.root.path
    var out: [GoldenDocument] = []
    for name in ((try? files.contentsOfDirectory(atPath: root + "/examples")) ?? []).sorted() {
      let docs = (try? files.contentsOfDirectory(atPath: "\(root)/examples/\(name)/arazzo")) ?? []
      for doc in docs.sorted() where doc.hasSuffix(".arazzo.yaml") {
        let stem = doc.dropLast(".arazzo.yaml".count)
        out.append(
          .init(document: "examples/\(name)/arazzo/\(doc)", golden: "examples/\(name).\(stem)"))
      }
    }
    let runs = "Tests/ArazzoCLITests/Fixtures/runs"
    for name in ((try? files.contentsOfDirectory(atPath: "\(root)/\(runs)")) ?? []).sorted()
    where files.fileExists(atPath: "\(root)/\(runs)/\(name)/workflow.arazzo.yaml") {
      out.append(.init(document: "\(runs)/\(name)/workflow.arazzo.yaml", golden: "runs/\(name)"))
    }
    for doc in ((try? files.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    where doc.hasSuffix(".arazzo.yaml") {
      let stem = doc.dropLast(".arazzo.yaml".count)
      out.append(.init(document: "Tests/ArazzoGraphTests/Fixtures/\(doc)", golden: String(stem)))
    }
    return out
  }

  @Test func theScanFindsTheExamplesAndTheRuntimeFixtures() {
    let goldens = Self.documents.map(\.golden)
    #expect(goldens.contains("examples/dbt-cloud.dbt-cloud-trigger-run-and-poll"))
    #expect(goldens.contains("examples/petshop.petshop"))
    #expect(goldens.contains("runs/goto-workflow"))
    #expect(goldens.filter { $0.hasPrefix("runs/") }.count >= 20)
  }

  /// README shows the seed's graph as `arazzo graph` prints it: its golden, verbatim.
  @Test func readmeShowsTheSeedsGraph() throws {
    let readme = try String(
      contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    let golden = try String(
      contentsOf: Self.folder.appendingPathComponent(
        "examples/dbt-cloud.dbt-cloud-trigger-run-and-poll.mmd"), encoding: .utf8)
    #expect(
      readme.contains("```mermaid\n" + golden + "```\n"),
      "README's Mermaid block is stale: paste `arazzo graph` of the seed there")
  }

  @Test(arguments: documents)
  func graphMatchesGolden(_ document: GoldenDocument) throws {
    let graph = try lowerGraph(document.document)
    for (ext, text) in [
      ("mmd", MermaidRenderer.render(graph)), ("dot", DOTRenderer.render(graph)),
    ] {
      let url = Self.folder.appendingPathComponent("\(document.golden).\(ext)")
      let result = compareGolden(text, to: url)
      #expect(result == .matched, "\(result)")
    }
  }
}

/// A document and where its goldens live.
struct GoldenDocument: Sendable, CustomTestStringConvertible {
  var document: String
  var golden: String
  var testDescription: String { golden }
}

/// The graph of the document at `relative` (under the package root), every workflow.
func lowerGraph(_ relative: String, workflow: String? = nil) throws -> WorkflowGraph {
  let path = TestPaths.root.appendingPathComponent(relative).path
  let (program, diagnostics) = Lowering.lower(path: path)
  let lowered = try #require(program, "\(relative): \(diagnostics.map(\.message))")
  return try WorkflowGraph(program: lowered, workflow: workflow)
}
