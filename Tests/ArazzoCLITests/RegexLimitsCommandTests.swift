import ArazzoJSON
import ArazzoTestServer
import Foundation
import Testing

/// Regex work that gives up, end to end: `eval --jsonpath` exits 1 with the reason, a regex
/// criterion fails its step with the reason, and `--deadline` stops a match the budget allows.
@Suite struct RegexLimitsCommandTests {
  /// A one-step workflow whose success criterion is `pattern` over the text `GET /text` returns.
  static func document(pattern: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "arazzo-regex-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try """
    openapi: 3.1.0
    info: {title: Text, version: 1.0.0}
    servers: [{url: 'http://127.0.0.1:9/never'}]
    paths:
      /text:
        get:
          operationId: getText
          responses:
            '200': {description: ok}
    """.write(
      to: folder.appendingPathComponent("api.openapi.yaml"), atomically: true, encoding: .utf8)
    let document = folder.appendingPathComponent("regex.arazzo.yaml")
    try """
    arazzo: 1.0.1
    info: {title: Regex limits, version: 1.0.0}
    sourceDescriptions:
      - {name: api, url: api.openapi.yaml, type: openapi}
    workflows:
      - workflowId: check
        steps:
          - stepId: fetch
            operationId: getText
            successCriteria:
              - context: $response.body
                condition: '\(pattern)'
                type: regex
    """.write(to: document, atomically: true, encoding: .utf8)
    return document
  }

  /// Runs the workflow against a server answering `body`; returns the result and the time taken.
  static func run(
    pattern: String, body: String, _ extra: [String] = []
  ) async throws -> (
    CLIResult, Duration
  ) {
    let document = try Self.document(pattern: pattern)
    defer { try? FileManager.default.removeItem(at: document.deletingLastPathComponent()) }
    let server = try await TestServer.start()
    server.route("GET /text", respond: .text(body))
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await RunCommandTests.arazzo(
      ["run", document.path, "--server", "api=\(server.baseURL)", "--format", "json"] + extra)
    let elapsed = clock.now - start
    await server.shutdown()
    return (result, elapsed)
  }

  /// The reasons the first step failed, from a `--format json` report.
  static func reasons(_ stdout: String) throws -> [String] {
    guard case .array(let steps)? = try JSONParser.parse(stdout)["steps"],
      case .array(let reasons)? = steps.first?["reasons"]
    else { return [] }
    return reasons.compactMap(\.stringValue)
  }

  @Test func catastrophicCriterionFailsTheStepWithTheReason() async throws {
    // About 10 s before, on a 35-character response (past --deadline 5s).
    let (result, elapsed) = try await Self.run(
      pattern: #"(\w+\s?)*$"#, body: String(repeating: "a", count: 34) + "!", ["--deadline", "5s"])
    #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
    let reasons = try Self.reasons(result.stdout)
    #expect(
      reasons.count == 1 && reasons[0].hasPrefix(#"(\w+\s?)*$: the regex match gave up after"#),
      "\(result.stdout)")
    // The reason proves the bound; the time is only a guard against a hang (the whole suite runs
    // in parallel on two cores, so no tighter figure holds).
    #expect(elapsed < .seconds(120), "took \(elapsed)")
  }

  @Test func deadlineStopsARegexCriterion() async throws {
    // 8 MB: the step budget grows with the subject (~270 million steps, about 5 s here);
    // --deadline 1s ends it.
    let (result, elapsed) = try await Self.run(
      pattern: "a*a*a*a*a*b", body: String(repeating: "a", count: 8 << 20), ["--deadline", "1s"])
    #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
    #expect(
      try Self.reasons(result.stdout) == [
        "a*a*a*a*a*b: the regex match was stopped at the run's deadline"
      ], "\(result.stdout)")
    #expect(elapsed < .seconds(120), "took \(elapsed)")
  }

  @Test func jsonpathQueryThatGivesUpExitsOne() throws {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try CLI.run(
      ["eval", "--jsonpath", "$[?search(@, '(a*)*b')]", "-"],
      input: "[\"" + String(repeating: "a", count: 100) + "\"]")
    #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.hasPrefix("error: search(@, '(a*)*b'): the regex match gave up after"),
      "\(result.stderr)")
    #expect(clock.now - start < .seconds(5))
  }

  @Test func jsonpathMatchOnAMegabyteFindsTheMatch() throws {
    // ICU's default backtracking stack overflowed here, and that read as "no match" ([]).
    let result = try CLI.run(
      ["eval", "--jsonpath", "$[?match(@, '(a|b)*')]", "-", "--paths"],
      input: "[\"" + String(repeating: "ab", count: 512 * 1024) + "\", \"abc\"]")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try JSONParser.parse(result.stdout) == ["$[0]"])
  }
}
