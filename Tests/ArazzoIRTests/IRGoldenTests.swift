import ArazzoIR
import ArazzoJSON
import ArazzoSyntax
import ArazzoTestSupport
import Foundation
import Testing

/// Lowers a file and prints its IR with paths relative to `base`; nil program → the diagnostics.
func dump(
  _ path: String, base: String, options: LoweringOptions = LoweringOptions()
) -> (
  String, Program?, [Diagnostic]
) {
  let (program, diagnostics) = Lowering.lower(path: path, options: options)
  guard let program else {
    return (DiagnosticRenderer(colored: false).render(diagnostics), nil, diagnostics)
  }
  let prefix = base.hasSuffix("/") ? base : base + "/"
  let printer = IRPrinter(displayPath: { p in
    p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : p
  })
  return (printer.print(program), program, diagnostics)
}

/// Golden IR dumps: `Fixtures/<name>.arazzo.yaml` → `Fixtures/<name>.ir.txt` (record with
/// `ARAZZO_RECORD=1`), plus the seed → `Fixtures/seed.ir.txt`.
@Suite struct IRGoldenTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static var fixtures: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".arazzo.yaml") && !$0.contains(".part.") }
      .map { String($0.dropLast(".arazzo.yaml".count)) }.sorted()
  }

  @Test func seedMatchesGolden() throws {
    let (text, program, diagnostics) = dump(TestPaths.seed.path, base: TestPaths.root.path)
    #expect(program != nil, "\(text)")
    #expect(diagnostics.allSatisfy { $0.severity == .warning })
    let result = compareGolden(text, to: Self.folder.appendingPathComponent("seed.ir.txt"))
    #expect(result == .matched, "\(result)")
  }

  /// Every example document's IR: `examples/<name>/arazzo/<doc>.arazzo.yaml` →
  /// `Fixtures/examples/<name>.<doc>.ir.txt`.
  static var examples: [String] {
    let root = TestPaths.root.appendingPathComponent("examples").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.sorted().flatMap { name -> [String] in
      let dir = "\(root)/\(name)/arazzo"
      let docs = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
      return docs.filter { $0.hasSuffix(".arazzo.yaml") }.sorted().map { "\(name)/arazzo/\($0)" }
    }
  }

  @Test(arguments: examples)
  func exampleMatchesGolden(relative: String) throws {
    let path = TestPaths.root.appendingPathComponent("examples/\(relative)").path
    let (text, program, _) = dump(path, base: TestPaths.root.path)
    #expect(program != nil, "\(text)")
    let name = relative.replacingOccurrences(of: "/arazzo/", with: ".")
      .replacingOccurrences(of: ".arazzo.yaml", with: "")
    let golden = Self.folder.appendingPathComponent("examples/\(name).ir.txt")
    let result = compareGolden(text, to: golden)
    #expect(result == .matched, "\(result)")
  }

  @Test(arguments: fixtures)
  func fixtureMatchesGolden(name: String) throws {
    let path = Self.folder.appendingPathComponent("\(name).arazzo.yaml").path
    let (text, program, _) = dump(path, base: Self.folder.path)
    #expect(program != nil, "\(text)")
    let result = compareGolden(text, to: Self.folder.appendingPathComponent("\(name).ir.txt"))
    #expect(result == .matched, "\(result)")
  }
}
