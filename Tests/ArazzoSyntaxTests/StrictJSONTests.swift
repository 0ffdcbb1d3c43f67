import ArazzoJSON
import Testing

@testable import ArazzoSyntax

/// A `.json` document (or one that starts with `{` or `[`) is strict RFC 8259 JSON: what YAML's
/// flow syntax forgives is a located error.
@Suite struct StrictJSONTests {
  static let valid = #"{"arazzo": "1.0.1", "info": {"title": "t", "version": "1"}}"#

  static func failure(_ text: String, path: String = "doc.json") -> Diagnostic? {
    guard case .failure(let failure) = DocumentLoader.load(text: text, path: path) else {
      return nil
    }
    return failure.diagnostics.first
  }

  @Test func wellFormedJSONLoads() {
    guard case .success(let document) = DocumentLoader.load(text: Self.valid, path: "doc.json")
    else {
      Issue.record("did not load")
      return
    }
    #expect(document.root["arazzo"] == "1.0.1")
  }

  @Test func trailingCommaIsLocatedAtTheComma() throws {
    let text =
      "{\n  \"arazzo\": \"1.0.1\",\n  \"info\": {\"title\": \"t\", \"version\": \"1\"},\n}\n"
    let problem = try #require(Self.failure(text))
    #expect(problem.code == .yamlSyntax)
    #expect(problem.message == "not valid JSON: a trailing comma before '}' is not allowed in JSON")
    #expect(problem.span?.start.line == 3)
    #expect(problem.span?.start.column == 41)
  }

  @Test(arguments: [
    ("{'arazzo': '1.0.1'}", "not valid JSON: expected a string key"),
    ("[1, 2,]", "not valid JSON: a trailing comma before ']' is not allowed in JSON"),
    ("{\"a\": 1} # comment", "not valid JSON: unexpected text after the JSON value"),
    ("{\"a\": 01}", "not valid JSON: leading zeros are not allowed in numbers"),
  ])
  func whatYAMLForgivesJSONDoesNot(_ text: String, _ message: String) throws {
    let problem = try #require(Self.failure(text))
    #expect(problem.message == message)
  }

  @Test func jsonContentWithoutAJSONNameIsStrictToo() throws {
    #expect(Self.failure("{\"a\": 1,}", path: "doc") != nil)
    #expect(Self.failure("{\"a\": 1,}", path: "-") != nil)
  }

  @Test func yamlFilesKeepYAMLFlowSyntax() {
    guard case .success = DocumentLoader.load(text: "{a: 1, b: [1, 2,],}", path: "doc.yaml") else {
      Issue.record("a YAML flow mapping with trailing commas is valid YAML")
      return
    }
  }

  @Test func duplicateKeysAreStillReportedWithBothPlaces() throws {
    let problem = try #require(Self.failure(#"{"a": 1, "a": 2}"#))
    #expect(problem.code == .duplicateKey)
  }
}
