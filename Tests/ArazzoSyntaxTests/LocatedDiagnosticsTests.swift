import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoSyntax

/// With the located loader, model and source diagnostics point at file:line:col.
@Suite struct LocatedDiagnosticsTests {
  private func loadYAML(_ text: String, path: String = "doc.arazzo.yaml") throws -> LoadedDocument {
    switch DocumentLoader.load(text: text, path: path) {
    case .success(let doc): return doc
    case .failure(let failure): throw FixtureError(description: "\(failure.diagnostics)")
    }
  }

  static let yaml = """
    arazzo: 1.0.1
    info:
      title: t
      version: '1'
    sourceDescriptions:
      - name: api
        url: ./missing.yaml
    workflows:
      - workflowId: w
        steps:
          - stepId: s
            operationID: op
            parameters:
              - name: p
                in: body
                value: 1
          - operationId: x
    """

  @Test func decodeDiagnosticsCarryLineAndColumn() throws {
    let result = ArazzoDocument.decode(try loadYAML(Self.yaml))
    let located = result.diagnostics.map {
      "\($0.code.rawValue) \($0.span.map(\.description) ?? "-")"
    }
    #expect(
      located == [
        "AZ1012 doc.arazzo.yaml:12:9",  // operationID key
        "AZ1013 doc.arazzo.yaml:15:17",  // in: body value
        "AZ1011 doc.arazzo.yaml:17:9",  // the step without stepId
      ])
    let unknown = try #require(result.diagnostics.first)
    #expect(unknown.span?.length == "operationID".count)
    let step = try #require(result.document?.workflows[0].steps[0])
    #expect(step.stepId.span.description == "doc.arazzo.yaml:11:17")
  }

  @Test func missingSourceIsReportedAtItsURL() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "arazzo-loc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("doc.arazzo.yaml").path
    let loaded = try loadYAML(Self.yaml, path: path)
    let document = try #require(ArazzoDocument.decode(loaded).document)
    let set = SourceSet.load(for: document, loaded: loaded)
    let d = try #require(set.diagnostics.first)
    #expect(d.code == .sourceUnavailable)
    #expect(d.span?.start.line == 7)
    #expect(d.span?.start.column == 10)
    #expect(
      d.notes.first?.message == "resolved to "
        + dir.appendingPathComponent("missing.yaml").standardizedFileURL.path)
  }

  @Test func openAPIProblemsPointIntoTheOpenAPIFile() throws {
    let text = """
      openapi: 3.0.3
      info: {title: t, version: '1'}
      paths:
        /a:
          get:
            operationId: one
            parameters:
              - $ref: '#/components/parameters/Nope'
      """
    let (index, diagnostics) = OpenAPIIndex.build(try loadYAML(text, path: "api.yaml"))
    #expect(index?.operations.count == 1)
    let d = try #require(diagnostics.first)
    #expect(d.code == .invalidSource)
    #expect(d.span?.description == "api.yaml:8:17")
  }
}
