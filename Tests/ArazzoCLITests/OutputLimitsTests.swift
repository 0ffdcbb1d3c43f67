import ArazzoJSON
import Foundation
import Testing

/// Output stays bounded whatever the input holds: a 10 MB line is shown as a window and a cut
/// quote, 100k diagnostics as the first 100 and a count (the JSON form keeps them all).
@Suite struct OutputLimitsTests {
  static let openAPI = TerminalOutputTests.openAPI

  /// A JSON document on one 10 MB line whose source `type` is the long value: quoted in a
  /// message and shown in snippets.
  static func tenMegabyteLine() -> String {
    let value = String(repeating: "x", count: 10_000_000)
    return #"{"arazzo": "1.0.1", "info": {"title": "t", "version": "1"}, "#
      + #""sourceDescriptions": [{"name": "api", "url": "api.openapi.yaml", "type": "\#(value)"}], "#
      + #""workflows": [{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "getStatus"}]}]}"#
  }

  /// `count` unknown fields in `info` of an otherwise valid document.
  static func unknownFields(_ count: Int) -> String {
    var text = "arazzo: 1.0.1\ninfo:\n  title: t\n  version: '1'\n"
    text.reserveCapacity(count * 12)
    for i in 0..<count { text += "  f\(i): 1\n" }
    text += "sourceDescriptions:\n  - {name: api, url: api.openapi.yaml, type: openapi}\n"
    text +=
      "workflows:\n  - workflowId: w\n    steps:\n      - {stepId: s, operationId: getStatus}\n"
    return text
  }

  @Test func aTenMegabyteLineCostsAFewHundredBytes() async throws {
    let dir = try TerminalOutputTests.directory([
      "api.openapi.yaml": Self.openAPI, "big.json": Self.tenMegabyteLine(),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("big.json").path
    let run = try await TerminalOutputTests.arazzo(["run", path])
    #expect(run.status == 2)
    #expect(run.stderr.utf8.count < 2_000, "\(run.stderr.utf8.count) bytes of stderr")
    #expect(
      run.stderr.contains("… (9999880 more characters)' is not a valid source description type"),
      "\(run.stderr)")
    let validate = try await TerminalOutputTests.arazzo(["validate", path])
    #expect(validate.stdout.utf8.count < 2_000, "\(validate.stdout.utf8.count) bytes of stdout")
    let json = try await TerminalOutputTests.arazzo(["validate", "--format", "json", path])
    #expect(json.stdout.utf8.count < 2_000, "\(json.stdout.utf8.count) bytes of JSON")
  }

  @Test func aHundredThousandUnknownFieldsShowAHundredAndACount() async throws {
    let dir = try TerminalOutputTests.directory([
      "api.openapi.yaml": Self.openAPI, "many.arazzo.yaml": Self.unknownFields(100_000),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("many.arazzo.yaml").path
    let result = try await TerminalOutputTests.arazzo(["validate", path])
    #expect(result.status == 2)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count < 1_000, "\(lines.count) lines")
    #expect(lines.filter { $0.hasPrefix("error[AZ1012]") }.count == 100)
    #expect(
      result.stdout.contains("\n… 99900 more diagnostics (99900 errors, 0 warnings) not shown\n"))
    #expect(result.stdout.hasSuffix("many.arazzo.yaml: invalid (100000 errors, 0 warnings)\n"))
  }

  /// `--format json` is for programs: every diagnostic, with the counts.
  @Test func theJSONFormatKeepsEveryDiagnostic() async throws {
    let dir = try TerminalOutputTests.directory([
      "api.openapi.yaml": Self.openAPI, "some.arazzo.yaml": Self.unknownFields(300),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try await TerminalOutputTests.arazzo(
      ["validate", "--format", "json", dir.appendingPathComponent("some.arazzo.yaml").path])
    let report = try JSONParser.parse(result.stdout)
    #expect(report["errors"] == .integer(300))
    #expect(report["files"]?[0]?["diagnostics"]?.arrayValue?.count == 300)
  }
}
