import ArazzoDebugger
import ArazzoJSON
import ArazzoRuntime
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
}
