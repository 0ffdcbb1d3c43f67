import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoSyntax

/// Where the test data lives: the package root and the shared folder beside it.
enum TestPaths {
  /// The package root, three levels above this file.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// `ARAZZO_SHARED`, or `<root>/../shared`.
  static let shared: String = {
    if let env = ProcessInfo.processInfo.environment["ARAZZO_SHARED"], !env.isEmpty { return env }
    return URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared")
      .path
  }()

  static func shared(_ relative: String) -> String { shared + "/" + relative }
  static func repo(_ relative: String) -> String { root + "/" + relative }

  static let specExamples = shared("testdata/arazzo-spec-examples/examples/1.0.0")
  static let sourceFixtures = shared(
    "testdata/realworld/usearazzo__arazzo-toolkit/packages/parser/test/fixtures/source-descriptions"
  )
}

/// Errors a test reports when a fixture cannot be loaded.
struct FixtureError: Error, CustomStringConvertible {
  var description: String
}

/// Loads a YAML or JSON file into a `LoadedDocument`.
func loadFixture(_ path: String) throws -> LoadedDocument {
  let (document, diagnostics) = DocumentSource.load(path: path)
  guard let document else {
    throw FixtureError(description: diagnostics.map(\.message).joined(separator: "; "))
  }
  return document
}

/// Parses JSON text into a `LoadedDocument` with an empty source map.
func jsonDocument(_ text: String, path: String = "test.json") throws -> LoadedDocument {
  let file = SourceFile(path: path, text: text)
  return LoadedDocument(file: file, root: try JSONParser.parse(text), map: SourceMap(file: file))
}

/// Decodes JSON text.
func decodeJSON(_ text: String) throws -> DecodeResult {
  ArazzoDocument.decode(try jsonDocument(text))
}

/// The pointer text of each diagnostic's flagged location is not kept; this pairs codes with
/// messages for readable failures.
func summary(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.code.rawValue) \($0.severity.rawValue): \($0.message)" }
}
