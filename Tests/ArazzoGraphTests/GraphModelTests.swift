import ArazzoGraph
import ArazzoTestSupport
import Foundation
import Testing

/// The graph model built from the IR: nodes, edges and clusters of the seed, the petshop and
/// the runtime fixtures; the debugger's marks; the text form.
@Suite struct GraphModelTests {
  static let seed = "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml"
  static let petshop = "examples/petshop/arazzo/petshop.arazzo.yaml"

  /// The edges leaving `title`'s node (in any cluster), as `label -> target title`.
  static func edges(from title: String, in graph: WorkflowGraph) -> [String] {
    guard let node = graph.nodes.first(where: { $0.title == title }) else { return [] }
    return graph.edges.filter { $0.from == node.id }.map {
      "\($0.label ?? "-") -> \(graph.node($0.to)?.title ?? "?")"
    }
  }

  @Test func theSeedHasOneNodePerStepAndEveryJumpItsDispatchCanTake() throws {
    let graph = try lowerGraph(Self.seed)
    #expect(graph.clusters.map(\.name) == ["trigger-run-and-poll"])
    #expect(
      graph.nodes.map(\.title) == [
        "start", "triggerRun", "pollRun", "listArtifacts", "return", "fail",
      ])
    #expect(
      graph.nodes.map(\.id) == ["w0_start", "w0_s0", "w0_s1", "w0_s2", "w0_return", "w0_fail"])
    #expect(Self.edges(from: "start", in: graph) == ["- -> triggerRun"])
    #expect(Self.edges(from: "triggerRun", in: graph) == ["- -> pollRun", "failure -> fail"])
    #expect(
      Self.edges(from: "pollRun", in: graph) == [
        "runSucceeded -> listArtifacts", "runFailed: end -> return", "keepPolling -> pollRun",
        "otherwise -> listArtifacts", "failure -> fail",
      ])
    #expect(Self.edges(from: "listArtifacts", in: graph) == ["- -> return", "failure -> fail"])
    let pollRun = try #require(graph.node("w0_s1"))
    #expect(pollRun.details == ["GET /api/v2/accounts/{accountId}/runs/{runId}/"])
    let exit = try #require(graph.node("w0_return"))
    #expect(exit.details == ["outputs: runId, finalStatus, artifacts"])
  }

  @Test func thePetshopDrawsItsSubWorkflowRetryAndDependsOn() throws {
    let graph = try lowerGraph(Self.petshop, workflow: "adopt-a-pet")
    // The requested workflow first, then what it reaches: its call and its dependency.
    #expect(graph.clusters.map(\.name) == ["adopt-a-pet", "shop-is-open", "place-order"])
    let buyPet = try #require(graph.nodes.first { $0.title == "buyPet" })
    #expect(buyPet.kind == .subWorkflow)
    #expect(buyPet.details == ["runs place-order"])
    let call = try #require(graph.edges.first { $0.kind == .call })
    #expect(call.from == buyPet.id)
    #expect(graph.node(call.to)?.kind == .start)
    #expect(graph.node(call.to)?.cluster == graph.clusters[2].id)
    #expect(
      Self.edges(from: "placeOrder", in: graph) == [
        "- -> confirmOrder", "kennelBusy: retry ×3 after 1s -> placeOrder", "failure -> fail",
      ])
    #expect(Self.edges(from: "nextPage", in: graph).contains("morePages -> nextPage"))
    let depends = try #require(graph.edges.first { $0.kind == .dependsOn })
    #expect(graph.node(depends.from)?.cluster == graph.clusters[1].id)
    #expect(graph.node(depends.from)?.kind == .succeed)
    #expect(depends.to == graph.clusters[0].nodes[0])
  }

  @Test func aGotoWorkflowPointsAtTheOtherWorkflowsStart() throws {
    let graph = try lowerGraph(
      "Tests/ArazzoCLITests/Fixtures/runs/goto-workflow/workflow.arazzo.yaml")
    let edge = try #require(graph.edges.first { $0.detail == "goto workflow" })
    let target = try #require(graph.node(edge.to))
    #expect(target.kind == .start)
    #expect(target.cluster != graph.node(edge.from)?.cluster)
  }

  /// A workflow whose source was not loaded is a node of its own, outside every cluster.
  @Test func anUnresolvedWorkflowIsANodeOutsideTheClusters() throws {
    let graph = try lowerGraph("Tests/ArazzoIRTests/Fixtures/unresolved-target.arazzo.yaml")
    let unresolved = try #require(graph.nodes.first { $0.kind == .unresolved })
    #expect(unresolved.cluster == nil)
    #expect(unresolved.details == ["$sourceDescriptions.remoteFlows.doThing"])
    #expect(graph.edges.contains { $0.kind == .call && $0.to == unresolved.id })
    #expect(Self.edges(from: "call", in: graph) == ["- -> run", "failure -> fail"])
    #expect(
      graph.node("w0_s0")?.details == ["unresolved $sourceDescriptions.remoteApi.getThing"])
    let mermaid = MermaidRenderer.render(graph)
    #expect(
      mermaid.contains(
        "\n  u0[/\"unresolved<br>$sourceDescriptions.remoteFlows.doThing\"/]\n"))
    #expect(mermaid.contains("  classDef unresolved "))
  }

  @Test func anUnknownWorkflowIsAnErrorNamingTheWorkflows() throws {
    #expect(throws: WorkflowGraph.UnknownWorkflow.self) {
      try lowerGraph(Self.seed, workflow: "nope")
    }
    do {
      _ = try lowerGraph(Self.seed, workflow: "nope")
    } catch let error as WorkflowGraph.UnknownWorkflow {
      #expect(error.message == "no workflow 'nope' (workflows: trigger-run-and-poll)")
    }
  }

  /// The seed after two polls that said "keep polling", paused before the third.
  static func seedMarks(_ graph: WorkflowGraph) -> GraphMarks {
    GraphMarks(
      on: graph, workflow: 0,
      attempts: [
        .init(stepId: "triggerRun", visit: 1, succeeded: true, action: nil),
        .init(stepId: "pollRun", visit: 1, succeeded: true, action: "keepPolling"),
        .init(stepId: "pollRun", visit: 2, succeeded: true, action: "keepPolling"),
      ],
      current: ("pollRun", 3))
  }

  @Test func marksCountVisitsAndTheEdgesTaken() throws {
    let graph = try lowerGraph(Self.seed)
    let marks = Self.seedMarks(graph)
    #expect(marks.current == "w0_s1")
    #expect(marks.visits == ["w0_s0": 1, "w0_s1": 3])
    let taken = marks.taken.map { (graph.edges[$0.key].label ?? graph.edges[$0.key].to, $0.value) }
    #expect(Dictionary(uniqueKeysWithValues: taken) == ["w0_s0": 1, "w0_s1": 1, "keepPolling": 2])
    // A failed attempt with no matching action took the failure default.
    let failed = GraphMarks(
      on: graph, workflow: 0,
      attempts: [.init(stepId: "triggerRun", visit: 1, succeeded: false, action: nil)],
      current: nil)
    let index = try #require(failed.taken.keys.first { graph.edges[$0].from == "w0_s0" })
    #expect(graph.edges[index].kind == .failureDefault)
  }

  @Test func theTextFormIsALinePerStepWithItsEdgesAndMarks() throws {
    let graph = try lowerGraph(Self.seed)
    let text = GraphTextRenderer.render(graph, cluster: "wf0", marks: Self.seedMarks(graph))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        "workflow trigger-run-and-poll  (▶ current step, [N] times entered, ×N times taken)",
        "    start           next -> triggerRun ×1",
        "    triggerRun [1]  next -> pollRun ×1 · failure -> fail",
        "  ▶ pollRun [3]     runSucceeded -> listArtifacts · runFailed: end -> return · keepPolling -> pollRun ×2 · otherwise -> listArtifacts · failure -> fail",
        "    listArtifacts   next -> return · failure -> fail",
        "    return          outputs: runId, finalStatus, artifacts",
        "    fail",
      ])
    // Without marks: no legend and no counts.
    let plain = GraphTextRenderer.render(graph, cluster: "wf0")
    #expect(plain.hasPrefix("workflow trigger-run-and-poll\n"))
    #expect(!plain.contains("×") && !plain.contains("▶"))
  }

  @Test func marksAreDrawnInBothLanguages() throws {
    let graph = try lowerGraph(Self.seed)
    let marks = Self.seedMarks(graph)
    let mermaid = MermaidRenderer.render(graph, marks: marks)
    #expect(
      mermaid.contains(
        "w0_s1[\"▶ pollRun<br>GET /api/v2/accounts/{accountId}/runs/{runId}/<br>visits: 3\"]"))
    #expect(mermaid.contains("w0_s1 -->|\"keepPolling ×2\"| w0_s1"))
    #expect(mermaid.contains("  class w0_s1 current\n"))
    #expect(mermaid.contains("  class w0_s0 visited\n"))
    let dot = DOTRenderer.render(graph, marks: marks)
    #expect(
      dot.contains(
        "\"w0_s1\" -> \"w0_s1\" [label=\" keepPolling ×2 \", color=\"#1f6feb\", penwidth=2.5];"))
    #expect(
      dot.contains(
        "label=\"▶ pollRun\\nGET /api/v2/accounts/{accountId}/runs/{runId}/\\nvisits: 3\""))
  }

  @Test func aGraphFormatIsChosenByFileExtension() {
    #expect(GraphFormat(fileName: "run.SVG") == .svg)
    #expect(GraphFormat(fileName: "a.png") == .png)
    #expect(GraphFormat(fileName: "a.gv") == .dot)
    #expect(GraphFormat(fileName: "a.dot") == .dot)
    #expect(GraphFormat(fileName: "a.mmd") == .mermaid)
    #expect(GraphFormat(fileName: "a.txt") == nil)
    #expect(GraphFormat(fileName: "svg") == nil)
  }
}
