import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo validate` end to end: the built binary, its stdout, stderr and exit status.
@Suite struct ValidateCommandTests {
  static let seed = "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml"
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The seed validates with exactly its six quirk warnings, each located with a fix-it.
  @Test func seedPrintsExactlyItsQuirkWarnings() throws {
    let result = try CLI.run(["validate", Self.seed])
    #expect(result.status == 0)
    #expect(result.stderr == "")
    let golden = compareGolden(
      result.stdout, to: Self.fixtures.appendingPathComponent("seed.validate.txt"))
    #expect(golden == .matched, "\(golden)")
    let codes = result.stdout.split(separator: "\n").filter { $0.hasPrefix("warning[") }
      .map { $0.prefix(15) }
    #expect(codes.filter { $0 == "warning[AZ2025]" }.count == 3)
    #expect(codes.filter { $0 == "warning[AZ2026]" }.count == 3)
    #expect(result.stdout.components(separatedBy: "= fix-it:").count - 1 == 6)
  }

  @Test func strictTurnsTheQuirksIntoErrors() throws {
    let result = try CLI.run(["validate", "--strict", Self.seed])
    #expect(result.status == 2)
    #expect(result.stdout.contains("invalid (6 errors, 0 warnings)"))
  }

  @Test func jsonFormatIsOneObjectWithLocatedDiagnostics() throws {
    let result = try CLI.run(["validate", "--format", "json", Self.seed])
    #expect(result.status == 0)
    let json = try JSONParser.parse(result.stdout)
    #expect(json["errors"] == .integer(0))
    #expect(json["warnings"] == .integer(6))
    let first = json["files"]?[0]?["diagnostics"]?[0]
    #expect(first?["code"] == "AZ2026")
    #expect(first?["line"] == .integer(53))
    #expect(first?["column"] == .integer(27))
    #expect(first?["fixIt"]?["replacement"] == "{$inputs.token}")
  }

  @Test func brokenDocumentExitsTwoWithCarets() throws {
    let broken = "Tests/ArazzoSyntaxTests/Fixtures/diagnostics/unknown-operation.arazzo.yaml"
    let result = try CLI.run(["validate", broken])
    #expect(result.status == 2)
    #expect(result.stdout.contains("error[AZ2004]: no operation 'getPett' in source 'petstore'"))
    #expect(result.stdout.contains("^^^^^^^ no such operationId"))
    #expect(result.stdout.contains("= hint: did you mean 'getPet'?"))
  }

  @Test func severalFilesGetOneVerdictEach() throws {
    let broken = "Tests/ArazzoSyntaxTests/Fixtures/diagnostics/empty-document.arazzo.yaml"
    let result = try CLI.run(["validate", Self.seed, broken])
    #expect(result.status == 2)
    #expect(result.stdout.contains("\(Self.seed): valid (0 errors, 6 warnings)"))
    #expect(result.stdout.contains("\(broken): invalid (1 error, 0 warnings)"))
  }

  /// `--source` points a source description somewhere else (here: nowhere, so a warning).
  @Test func sourceOverrideRedirectsASource() throws {
    let result = try CLI.run([
      "validate", "--source", "dbtAdminApi=/nonexistent/openapi.yml", Self.seed,
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("warning[AZ2014]"))
    #expect(result.stdout.contains("/nonexistent/openapi.yml"))
  }

  @Test func usageErrorsExitTwo() throws {
    #expect(try CLI.run(["validate"]).status == 2)
    #expect(try CLI.run(["validate", "--source", "no-equals-sign", Self.seed]).status == 2)
    #expect(try CLI.run(["validate", "--format", "xml", Self.seed]).status == 2)
    #expect(try CLI.run(["frobnicate"]).status == 2)
  }

  @Test func noColourWhenNotATerminal() throws {
    let result = try CLI.run(["validate", Self.seed], environment: ["NO_COLOR": ""])
    #expect(!result.stdout.contains("\u{1B}["))
  }
}

/// README.md's diagnostic table is exactly what `arazzo explain --markdown` prints.
@Test func readmeDocumentsEveryDiagnosticCode() throws {
  let table = try CLI.run(["explain", "--markdown"])
  #expect(table.status == 0)
  let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
  #expect(readme.contains(table.stdout), "regenerate the table with `arazzo explain --markdown`")
  #expect(
    try CLI.run(["explain", "AZ2025"]).stdout.hasPrefix("AZ2025 jsonpath-logical-expression"))
  #expect(try CLI.run(["explain", "AZ9999"]).status == 2)
}

/// The run-time codes (AZ5xxx) are explained like the others, by code or name, and none is
/// left without a summary.
@Test func explainKnowsTheRunTimeCodes() throws {
  #expect(try CLI.run(["explain", "AZ5001"]).stdout.hasPrefix("AZ5001 max-steps"))
  #expect(try CLI.run(["explain", "output-null"]).stdout.hasPrefix("AZ5004 output-null"))
  let runTime = DiagnosticCode.allCases.filter { $0.rawValue.hasPrefix("AZ5") }
  #expect(runTime.count >= 10)
  let listing = try CLI.run(["explain"]).stdout
  for code in runTime {
    #expect(listing.contains("\(code.rawValue) \(code.slug)"), "\(code)")
    #expect(!code.summary.isEmpty)
  }
}
