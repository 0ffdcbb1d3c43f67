import ArazzoJSON
import Foundation
import Testing

/// `arazzo eval` end to end: expressions, templates, conditions and JSONPath queries.
@Suite struct EvalCommandTests {
  static let context = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/poll-context.json").path

  @Test(arguments: [
    ("$response.body#/data/status", "10"),
    ("$statusCode", "200"),
    ("$steps.triggerRun.outputs.runId", "42"),
    ("$inputs.accountId", "1"),
    ("Bearer {$inputs.token}", "\"Bearer T0K\""),
    ("$statusCode == 200", "true"),
    ("$response.body#/data/status < 10", "false"),
    ("$response.body#/data/status_humanized == 'SUCCESS'", "true"),
    ("$response.header.content-type", "\"application/json\""),
  ])
  func evaluates(_ expression: String, _ expected: String) throws {
    let result = try CLI.run(["eval", expression, "--context", Self.context])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == expected + "\n")
  }

  @Test func missingValueExitsOneWithTheReason() throws {
    let result = try CLI.run([
      "eval", "$steps.listArtifacts.outputs.artifacts", "--context", Self.context,
    ])
    #expect(result.status == 1)
    #expect(result.stderr == "no value: step 'listArtifacts' has not run\n")
  }

  /// `$response.body.items` is a mistyped expression (exit 2, with the pointer to write), not a
  /// condition that prints false.
  @Test func aBodyWalkedWithDotsIsAnErrorWithTheAnswer() throws {
    let result = try CLI.run(["eval", "$response.body.items", "--context", Self.context])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("did you mean '$response.body#/items'?"), "\(result.stderr)")
  }

  @Test func syntaxErrorPointsIntoTheExpression() throws {
    let result = try CLI.run(["eval", "$respons.body#/data"])
    #expect(result.status == 2)
    #expect(
      result.stderr == """
        error[AZ2020]: unknown expression source '$respons'; did you mean '$response'?
         --> <expr>:1:1
          |
        1 | $respons.body#/data
          | ^^^^^^^^ unknown source

        """)
  }

  @Test func explainShowsEachPart() throws {
    let result = try CLI.run([
      "eval", "--explain", "$statusCode == 200 && $response.body#/data/status < 10", "--context",
      Self.context,
    ])
    #expect(result.status == 0)
    #expect(result.stdout.contains("├─ $statusCode == 200  →  true"))
    #expect(result.stdout.contains("   ├─ $response.body#/data/status  →  10"))
    #expect(result.stdout.hasSuffix("false\n"))
  }

  /// A missing member compared with null: true, and `--explain` says which rule made it so.
  @Test func explainNamesTheMissingRule() throws {
    let result = try CLI.run([
      "eval", "--explain", "$response.body#/redirectAuthToken == null", "--context", Self.context,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.hasPrefix(
        "$response.body#/redirectAuthToken == null  →  true  [missing, compared as null]\n"))
    #expect(result.stdout.hasSuffix("true\n"))
  }

  @Test func jsonPathSelectsValuesAndPaths() throws {
    let values = try CLI.run([
      "eval", "--jsonpath", "$.response.body.data.artifacts[?@ != 'x']", Self.context,
    ])
    #expect(values.status == 0)
    #expect(try JSONParser.parse(values.stdout) == ["manifest.json", "run_results.json"])
    let paths = try CLI.run(["eval", "--jsonpath", "$..status", "--paths", Self.context])
    #expect(try JSONParser.parse(paths.stdout) == ["$['response']['body']['data']['status']"])
  }

  @Test func jsonPathReadsStdin() throws {
    let result = try CLI.run(["eval", "--jsonpath", "$[1]"], input: "[10, 20, 30]")
    #expect(result.stdout == "[\n  20\n]\n")
  }

  @Test func invalidQueryAndInvalidJSONExitTwo() throws {
    let query = try CLI.run(["eval", "--jsonpath", "$[?@.a = 1]"], input: "{}")
    #expect(query.status == 2)
    #expect(query.stderr.contains("error[AZ2027]"))
    let json = try CLI.run(["eval", "--jsonpath", "$"], input: "{\"a\": }")
    #expect(json.status == 2)
    #expect(json.stderr.contains("<stdin>:1:7"))
  }
}
