import ArazzoGraph
import Foundation

/// `:graph [FILE]`: the current workflow's graph (as `arazzo graph` draws it) with the run's
/// path over it.
extension DebugShell {
  func showGraph(file: String) {
    let program = engine.program
    let path = engine.currentPath
    let name = program.workflows[path.workflowIndex].name
    let graph: WorkflowGraph
    do {
      graph = try WorkflowGraph(program: program, workflow: name)
    } catch {
      return fail(error.message)
    }
    let marks = GraphMarks(
      on: graph, workflow: path.workflowIndex,
      attempts: path.attempts.map {
        GraphMarks.Attempt(
          stepId: $0.stepId, visit: $0.visit, succeeded: $0.succeeded, action: $0.action)
      },
      current: path.currentStep.map { ($0, path.currentVisit) })
    guard !file.isEmpty else {
      let cluster = graph.clusters.first { $0.workflowIndex == path.workflowIndex }?.id ?? ""
      var text = GraphTextRenderer.render(graph, cluster: cluster, marks: marks)
      if text.hasSuffix("\n") { text.removeLast() }
      return say(text)
    }
    guard let format = GraphFormat(fileName: file) else {
      return fail(
        ":graph writes \(GraphFormat.fileExtensions) files; '\(file)' names none of them")
    }
    do {
      let data = try format.render(graph, marks: marks, scrub: redactor.scrub)
      try data.write(to: URL(fileURLWithPath: file))
      say("wrote the graph of \(name) to \(file)")
    } catch let failure as Graphviz.Failure {
      fail(failure.message)
    } catch {
      fail("cannot write '\(file)': \(error.localizedDescription)")
    }
  }
}
