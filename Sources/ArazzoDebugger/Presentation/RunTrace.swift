import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// The trace a front end shows while the run moves: a line per completed step attempt, the
/// sub-workflows entered and left, dependencies, retries and warnings. `arazzo debug` prints
/// it; `arazzo dap` sends it as output events. The lines are plain text: the front end scrubs
/// secrets and escapes what its medium needs.
public struct RunTrace {
  public let engine: DebugEngine
  public let redactor: Redactor
  /// Show retry delays (off in scripted sessions, so transcripts repeat).
  public var showDurations: Bool

  public init(engine: DebugEngine, showDurations: Bool = false) {
    self.engine = engine
    self.redactor = engine.configuration.redactor
    self.showDurations = showDurations
  }

  /// The lines `event` adds to the trace (none for most events).
  public func lines(for event: RunEvent) -> [String] {
    switch event {
    case .actionTaken:
      return engine.history.last.map { ["  " + historyLine($0)] } ?? []
    case .warning(let diagnostic):
      return [DiagnosticRenderer.headline(diagnostic)]
    case .workflowStarted(let workflowId, let depth) where depth > 0:
      return ["  entering workflow \(workflowId)"]
    case .workflowStarted(let workflowId, _) where workflowId != entryWorkflowId:
      // Not the entry: a dependency running first, or a `goto` to a workflow taking over.
      return [
        dependencies.contains(workflowId)
          ? "running dependency \(workflowId) first" : "continuing in workflow \(workflowId)"
      ]
    case .workflowStarted(let workflowId, _) where !dependencies.isEmpty:
      return ["running workflow \(workflowId)"]
    case .workflowFinished(let workflowId, let succeeded, _, let depth) where depth > 0:
      return ["  workflow \(workflowId) \(succeeded ? "succeeded" : "failed")"]
    case .workflowFinished(let workflowId, let succeeded, let outputs, _)
    where workflowId != entryWorkflowId:
      return [
        (dependencies.contains(workflowId) ? "dependency" : "workflow")
          + " \(workflowId) \(succeeded ? "succeeded" : "failed")"
          + (outputs.isEmpty
            ? ""
            : "; its outputs: \(CriterionExplanation.clipped(JSONPrinter.compact(.object(outputs))))")
      ]
    case .retrying(let stepId, let action, let attempt, let delay):
      return [
        "  \(stepId): retry \(attempt) by \(action)"
          + (showDurations ? " after \(ExchangePrinter.format(delay))" : "")
      ]
    default:
      return []
    }
  }

  /// Where the run stands, in words: `before step pollRun (visit 2)`, `after the response of
  /// pollRun, before its success criteria`, … (the debugger's pause banner).
  public func describe(_ position: FramePosition, visit: Int) -> String {
    let code = engine.program.workflows[position.workflowIndex]
    let step = position.stepId ?? ""
    let visitText = visit > 1 ? " (visit \(visit))" : ""
    let inWorkflow =
      position.workflowIndex == engine.run.workflowIndex ? "" : " in workflow \(code.workflowId)"
    // A pause cut a wait short here: only in the present (a past attempt has no pending wait).
    let here = engine.position.map {
      $0.workflowIndex == position.workflowIndex && $0.pc == position.pc
        && $0.depth == position.depth
    }
    let cut = engine.selectedEntry == nil && here == true ? engine.machine.pausedWait : nil
    switch position.instruction {
    case .step: return "before step \(step)\(visitText)\(inWorkflow)"
    case .request where cut == .loopDelay:
      return "before the request of \(step)\(visitText)\(inWorkflow), its loop delay cut short"
    case .dispatch where cut == .retryDelay:
      return "before the retry of \(step)\(visitText)\(inWorkflow), its delay cut short"
    case .request: return "before the request of \(step)\(visitText)\(inWorkflow)"
    case .call: return "before \(step)\(visitText) calls its workflow\(inWorkflow)"
    case .check:
      return "after the response of \(step)\(visitText)\(inWorkflow), before its success criteria"
    case .outputs:
      return "after the criteria of \(step)\(visitText)\(inWorkflow), before its outputs"
    case .dispatch: return "before the action of \(step)\(visitText)\(inWorkflow)"
    case .return: return "before workflow \(code.workflowId) returns"
    case .fail: return "before workflow \(code.workflowId) fails"
    }
  }

  /// The end of the run: `workflow ID` and its outcome and outputs, as `arazzo run` prints
  /// them, secrets scrubbed.
  public func finished(_ result: RunResult) -> String {
    let summary = TextReporter(redactor: redactor, write: { _ in }).summary(result)
    return "workflow \(result.workflowId) " + redactor.scrub(summary)
  }

  /// The id of the workflow the session is for (its dependencies run before it).
  public var entryWorkflowId: String {
    engine.program.workflows[engine.run.workflowIndex].workflowId
  }

  /// The workflows the entry workflow depends on, in the order they run (dependsOn).
  public var dependencies: [String] {
    engine.run.machine.dependencyOrder(engine.run.workflowIndex).dropLast()
      .map { engine.program.workflows[$0].workflowId }
  }

  /// `3  pollRun #2      GET https://…  200  ok  -> goto pollRun (keepPolling)`.
  public func historyLine(_ entry: HistoryEntry, numbered: Bool = false) -> String {
    let name = entry.visit > 1 ? "\(entry.stepId) #\(entry.visit)" : entry.stepId
    var parts = [name.padding(toLength: max(name.count, 16), withPad: " ", startingAt: 0)]
    if let exchange = entry.snapshot.exchange {
      if let request = exchange.request {
        parts.append("\(request.method.rawValue) \(redactor.url(request.url))")
      }
      if let status = exchange.response?.status {
        parts.append(String(status))
      } else if let error = exchange.error {
        parts.append("no response: \(error)")
      }
    }
    parts.append(entry.succeeded ? "ok" : "failed")
    parts.append("-> \(entry.effect)" + (entry.action.map { " (\($0))" } ?? ""))
    let indent = String(repeating: "  ", count: entry.depth)
    return (numbered ? String(entry.number).leftPadded(3) + "  " : "") + indent
      + parts.joined(separator: "  ")
  }
}
