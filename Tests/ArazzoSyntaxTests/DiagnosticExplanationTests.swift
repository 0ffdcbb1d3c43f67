import ArazzoTestSupport
import Foundation
import Testing

@testable import ArazzoJSON
@testable import ArazzoSyntax

/// `arazzo explain CODE`'s long forms: every code has a reason, a wrong and a right example and
/// a spec section; each wrong example a document can show, embedded in a minimal document,
/// produces its code when validated, and the right one does not.
@Suite struct DiagnosticExplanationTests {
  /// The minimal document the fragments go into: `{document}` top-level keys replace its own,
  /// `{workflows}` its workflows, `{steps}` the steps of its first workflow.
  static let base: [(key: String, block: String)] = [
    ("arazzo", "arazzo: 1.0.1"),
    ("info", "info:\n  title: Pets\n  version: 1.0.0"),
    (
      "sourceDescriptions",
      "sourceDescriptions:\n  - name: petstore\n    url: ./petstore.openapi.yaml\n    type: openapi"
    ),
    ("workflows", "workflows:\n{workflows}"),
    (
      "components",
      "components:\n  parameters:\n    pageSize:\n      name: limit\n      in: query\n      value: 2"
    ),
  ]
  static let workflows = """
      - workflowId: adopt
        inputs:
          type: object
          properties:
            petId:
              type: integer
            token:
              type: string
        steps:
    {steps}
      - workflowId: browse
        steps:
          - stepId: list
            operationId: listPets
    """
  static let baseSteps = "- stepId: list\n  operationId: listPets"

  /// The codes whose examples are not document fragments (run time, files, several files).
  static let notChecked: Set<DiagnosticCode> = Set(
    DiagnosticCode.allCases.filter { $0.explanation.place == .run })

  static func indent(_ text: String, _ n: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : String(repeating: " ", count: n) + $0 }.joined(separator: "\n")
  }

  /// The document `fragment` makes at `place`.
  static func document(_ fragment: String, at place: DiagnosticExplanation.Place) -> String {
    let steps = place == .steps ? fragment : baseSteps
    var flows = workflows.replacingOccurrences(of: "{steps}", with: indent(steps, 6))
    if place == .workflows { flows = fragment }
    var blocks = base.map {
      ($0.key, $0.block.replacingOccurrences(of: "{workflows}", with: indent(flows, 2)))
    }
    if place == .document {
      // Each top-level key of the fragment replaces the base's block of that key.
      var own: [(String, String)] = []
      for line in fragment.split(separator: "\n", omittingEmptySubsequences: false) {
        if let first = line.first, first != " ", first != "#", let colon = line.firstIndex(of: ":")
        {
          own.append((String(line[..<colon]), String(line)))
        } else if !own.isEmpty {
          own[own.count - 1].1 += "\n" + line
        }
      }
      for (key, text) in own {
        if let i = blocks.firstIndex(where: { $0.0 == key }) {
          blocks[i].1 = text
        } else {
          blocks.append((key, text))
        }
      }
    }
    return blocks.map(\.1).joined(separator: "\n") + "\n"
  }

  /// The codes `validate` reports for `text`, written next to the fixtures' OpenAPI files.
  static func codes(_ text: String) throws -> [DiagnosticCode] {
    let folder = try TemporaryFolder(prefix: "explain")
    let fixtures = DiagnosticCorpusTests.folder
    for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
    where !name.hasSuffix(".arazzo.yaml") && !name.hasSuffix(".txt") {
      try FileManager.default.copyItem(
        at: fixtures.appendingPathComponent(name), to: folder.appending(name))
    }
    let path = folder.appending("doc.arazzo.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let report = Validator(options: ValidationOptions(root: folder.url.path)).validate(path: path)
    return report.diagnostics.map(\.code)
  }

  @Test func theBaseDocumentIsClean() throws {
    #expect(try Self.codes(Self.document(Self.baseSteps, at: .steps)) == [])
  }

  @Test(arguments: DiagnosticCode.allCases)
  func everyCodeHasEveryField(_ code: DiagnosticCode) {
    let e = code.explanation
    #expect(!e.reason.isEmpty && !e.wrong.isEmpty && !e.right.isEmpty && !e.spec.isEmpty, "\(code)")
    #expect(e.wrong != e.right, "\(code)")
    let text = code.explanationText
    for part in ["Why: ", "Wrong", "Right:", "Spec: "] { #expect(text.contains(part), "\(code)") }
  }

  @Test(arguments: DiagnosticCode.allCases.filter { $0.explanation.place != .run })
  func wrongProducesTheCodeAndRightDoesNot(_ code: DiagnosticCode) throws {
    let e = code.explanation
    let wrong = try Self.codes(Self.document(e.wrong, at: e.place))
    #expect(
      wrong.contains(code), "\(code) wrong: got \(wrong)\n\(Self.document(e.wrong, at: e.place))")
    let right = try Self.codes(Self.document(e.right, at: e.place))
    #expect(
      !right.contains(code), "\(code) right: got \(right)\n\(Self.document(e.right, at: e.place))")
  }

  /// Every document-level code (AZ1, AZ2) is checked, except those whose example needs a file
  /// that is not text, a second document or several sources with a step that names them; the
  /// list is kept here so it only shrinks.
  @Test func theUncheckedDocumentCodesAreKnown() {
    let unchecked = Self.notChecked.filter { $0.rawValue < "AZ3" }.map(\.rawValue).sorted()
    #expect(
      unchecked == [
        "AZ1003", "AZ1004", "AZ1005", "AZ1007", "AZ2016", "AZ2017", "AZ2031", "AZ2039",
      ])
  }

  /// Every warning says in plain words what it means for the run.
  @Test func everyWarningHasPlainWords() {
    let missing = DiagnosticCode.allCases.filter {
      $0.defaultSeverity == .warning && DiagnosticCode.plainWords[$0] == nil
    }
    #expect(missing == [])
  }
}
