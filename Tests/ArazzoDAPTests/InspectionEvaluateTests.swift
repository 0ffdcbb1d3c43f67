import ArazzoDAP
import ArazzoDebugger
import ArazzoJSON
import Testing

/// `evaluate` in each context, the console's `:` commands, and `completions`.
@Suite struct InspectionEvaluateTests {
  static func paused() async throws -> (DebugEngine, Inspector) {
    let engine = try Runs.engine()
    try await engine.pauseForInspection(at: "pollRun", .afterResponse)
    return (engine, Inspector(engine: engine, showSecrets: false))
  }

  @Test func expressionsEvaluateAsEvalDoes() async throws {
    let (_, inspector) = try await Self.paused()
    let status = try await inspector.call(
      "evaluate", ["expression": "$statusCode", "context": "repl"])
    #expect(status["result"] == "200")
    #expect(status["variablesReference"] == 0)
    let condition = try await inspector.call(
      "evaluate",
      ["expression": "$statusCode == 200 && $response.body#/data/status < 10", "context": "watch"])
    #expect(condition["result"] == "true")
    let data = try await inspector.call(
      "evaluate", ["expression": "$response.body#/data", "context": "watch"])
    #expect(data["type"] == "object")
    let children = try await inspector.children(data["variablesReference"])
    #expect(children["status"]?["evaluateName"] == "$response.body#/data/status")
    // A whole part of the context, as :print shows it.
    let steps = try await inspector.call("evaluate", ["expression": "$steps", "context": "repl"])
    let outputs = try await inspector.children(
      try await inspector.children(steps["variablesReference"])["triggerRun"]?["variablesReference"]
    )
    #expect(outputs["outputs"]?["evaluateName"] == "$steps.triggerRun.outputs")
    // The parser's message, with the column.
    let bad = await inspector.failure("evaluate", ["expression": "$stps.x", "context": "repl"])
    #expect(bad?.contains("(column") == true)
    let missing = await inspector.failure(
      "evaluate", ["expression": "$steps.listArtifacts.outputs.artifacts", "context": "watch"])
    #expect(missing?.hasPrefix("no value: ") == true)
  }

  @Test func hoverAnswersRuntimeExpressionsOnly() async throws {
    let (_, inspector) = try await Self.paused()
    let braced = try await inspector.call(
      "evaluate", ["expression": "{$inputs.accountId}", "context": "hover"])
    #expect(braced["result"] == "70403")
    let plain = try await inspector.call(
      "evaluate", ["expression": "$response.body#/data/status", "context": "hover"])
    #expect(plain["result"]?.stringValue?.isEmpty == false)
    let word = await inspector.failure("evaluate", ["expression": "pollRun", "context": "hover"])
    #expect(word == "'pollRun' is not a runtime expression")
  }

  @Test func clipboardCopiesTheWholeValue() async throws {
    let (_, inspector) = try await Self.paused()
    let copied = try await inspector.call(
      "evaluate", ["expression": "$response.body#/data", "context": "clipboard"])
    let text = try #require(copied["result"]?.stringValue)
    #expect(try JSONParser.parse(text)["status"] != nil)
  }

  @Test func consoleCommandsRunThroughTheShell() async throws {
    let (engine, inspector) = try await Self.paused()
    var events = 0
    engine.onEvent = { _ in events += 1 }
    let whereText = try #require(
      try await inspector.call("evaluate", ["expression": ":where", "context": "repl"])["result"]?
        .stringValue)
    #expect(whereText.contains("trigger-run-and-poll · pollRun"))
    #expect(whereText.contains("pc 7 check"))
    #expect(whereText.contains(":87:24"))
    let explained = try #require(
      try await inspector.call(
        "evaluate", ["expression": ":explain $statusCode == 200", "context": "repl"])["result"]?
        .stringValue)
    #expect(!explained.isEmpty)
    let request = try #require(
      try await inspector.call("evaluate", ["expression": ":request", "context": "repl"])["result"]?
        .stringValue)
    #expect(request.contains("Authorization: REDACTED"))
    #expect(!request.contains("demo-token"))
    // The server's event handler survives the shell.
    engine.onEvent?(.stepStarted(stepId: "x", visit: 1, depth: 0))
    #expect(events == 1)
    // Moving the run is the editor's job.
    let at = engine.position?.pc
    let refused = await inspector.failure(
      "evaluate", ["expression": ":continue", "context": "repl"])
    #expect(refused?.hasPrefix(":continue is not available in the debug console") == true)
    #expect(engine.position?.pc == at)
    let unknown = await inspector.failure(
      "evaluate", ["expression": ":frobnicate", "context": "repl"])
    #expect(unknown?.hasPrefix("unknown command ':frobnicate'") == true)
    let watched = await inspector.failure("evaluate", ["expression": ":where", "context": "watch"])
    #expect(watched != nil)
  }

  @Test func completionsAreTheShellsAsItems() async throws {
    let (_, inspector) = try await Self.paused()
    let answer = try await inspector.call("completions", ["text": ":eval $st", "column": 10])
    let targets = try #require(answer["targets"]?.arrayValue)
    #expect(targets.compactMap { $0["label"]?.stringValue } == ["$statusCode", "$steps."])
    #expect(targets.allSatisfy { $0["start"] == 7 && $0["length"] == 3 })
    let commands = try await inspector.call("completions", ["text": ":expl", "column": 6])
    #expect(commands["targets"]?[0]?["label"] == ":explain")
    #expect(commands["targets"]?[0]?["type"] == "keyword")
    let body = try await inspector.call(
      "completions", ["text": "$response.body#/data/st", "column": 24])
    #expect(body["targets"]?[0]?["label"] == "$response.body#/data/status")
  }
}
