import ArazzoDebugger
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestSupport
import Foundation
import Testing

/// What a newcomer tripped over in the debugger: `$components` and `$sourceDescriptions` read as
/// `run` reads them, one numbering for time travel, `:ir` in the past, dependencies announced.
@Suite struct RoughEdgeTests {
  /// A scripted shell session on the petshop's `adopt-a-pet` (which depends on `shop-is-open`).
  static func petshopSession(_ lines: [String]) async throws -> (String, DebugEngine) {
    let engine = try SubWorkflowTests.engine()
    var out = ""
    let shell = DebugShell(
      engine: engine, input: ScriptedLineSource(lines: lines), options: ShellOptions(echo: true)
    ) { out += $0 }
    await shell.run()
    return (out, engine)
  }

  static let petshop = [
    "$components.parameters.pageSize.value", ":print $components", ":print $sourceDescriptions",
    ":quit",
  ]

  @Test func componentsAndSourcesReadAsRunReadsThem() async throws {
    let (out, _) = try await Self.petshopSession(Self.petshop)
    #expect(out.contains("\n2\n"), "\(out)")
    #expect(out.contains("\"pageSize\": {"), "\(out)")
    // (The engine built here has no source fields: ArazzoCLITests checks `$sourceDescriptions`.)
    #expect(!out.contains("error:") && !out.contains("error["), "\(out)")
  }

  @Test func completionOffersComponentsAndSources() {
    let completion = DebugCompletion(
      context: CompletionContext(
        componentKeys: ["parameters": ["pageSize", "petId"]], sourceNames: ["petshop"]))
    #expect(completion.completions(for: "$comp") == ["$components."])
    #expect(completion.completions(for: "$components.") == ["$components.parameters."])
    #expect(
      completion.completions(for: "$components.parameters.pa") == [
        "$components.parameters.pageSize"
      ])
    #expect(completion.completions(for: "$sourceD") == ["$sourceDescriptions."])
    #expect(
      completion.completions(for: "$sourceDescriptions.p") == ["$sourceDescriptions.petshop."])
    #expect(completion.completions(for: ":print $c") == ["$components"])
  }

  @Test func backWalksTheHistoryByItsNumbersAndIrFollows() async throws {
    let (out, _) = try await ShellTests.session([
      ":break listArtifacts", ":continue", ":history", ":back", ":back", ":ir 0", ":back 2",
      ":quit",
    ])
    #expect(out.contains("back at #5 of 5: pollRun #4"), "\(out)")
    #expect(out.contains("back at #4 of 5: pollRun #3"), "\(out)")
    #expect(out.contains("workflow trigger-run-and-poll (back at #4)"), "\(out)")
    #expect(out.contains("back at #2 of 5: pollRun "), "\(out)")
  }

  @Test func dependenciesAreAnnounced() async throws {
    let (out, _) = try await Self.petshopSession([":continue", ":quit"])
    #expect(
      out.contains("running dependency shop-is-open first")
        || out.contains("it depends on shop-is-open"), "\(out)")
    #expect(
      out.contains("dependency shop-is-open succeeded; its outputs: {\"version\":\"1.4.2\"}"),
      "\(out)")
    #expect(out.contains("running workflow adopt-a-pet"), "\(out)")
  }

  /// `:finish` in a dependency finishes the dependency, not the whole run: it stops at the
  /// first pause point of the workflow that depended on it.
  @Test func finishInADependencyStopsInTheNextWorkflow() async throws {
    let (out, engine) = try await Self.petshopSession([":finish", ":where", ":quit"])
    #expect(engine.isFinished == false, "\(out)")
    let workflow = engine.position.map { engine.program.workflows[$0.workflowIndex].workflowId }
    #expect(workflow == "adopt-a-pet", "\(out)")
    #expect(out.contains("running workflow adopt-a-pet"), "\(out)")
  }

  /// `:restart` with a new value of a secret input (secret by its schema, `format: password`,
  /// not by its name): the new value is scrubbed from everything printed, as the first was.
  @Test func restartWithANewSecretInputKeepsItSecret() async throws {
    let folder = try TemporaryFolder()
    let document = folder.appending("pin.arazzo.yaml")
    try """
    arazzo: 1.0.1
    info: { title: pin, version: 1.0.0 }
    sourceDescriptions:
      - { name: api, url: ./api.openapi.yaml, type: openapi }
    workflows:
      - workflowId: unlock
        inputs:
          type: object
          properties:
            code: { type: string, format: password }
        steps:
          - stepId: open
            operationPath: '{$sourceDescriptions.api.url}#/paths/~1open/get'
    """.write(to: document, atomically: true, encoding: .utf8)
    try """
    openapi: 3.1.0
    info: { title: api, version: 1.0.0 }
    servers: [{ url: "http://127.0.0.1:9" }]
    paths:
      /open:
        get:
          responses: { "200": { description: open } }
    """.write(to: folder.appending("api.openapi.yaml"), atomically: true, encoding: .utf8)
    let engine = try makeEngine(
      document: document.path, workflow: "unlock", inputs: #"{"code":"first-code-1234"}"#)
    let redactor = engine.configuration.redactor
    #expect(redactor.scrub("sent first-code-1234") == "sent REDACTED")
    try await engine.restart(inputs: ["code": "second-code-5678"])
    #expect(redactor.scrub("sent second-code-5678") == "sent REDACTED")
  }
}
