import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// What the shell prints when the engine pauses, and the trace it prints while the run moves.
extension DebugShell {
  /// The pause banner: what stopped the run, where (the diagnostics' `file:line:col` form),
  /// then what this pause point teaches: the request about to be sent, the response, the
  /// criteria, or the actions; then the watches.
  func showPause(_ reason: PauseReason?) {
    defer { updateCompletion() }
    if let reason { record.pause = reason }
    guard let position = engine.position, let snapshot = engine.presentContext else {
      showFinished()
      return
    }
    var headline = "paused " + describe(position, visit: snapshot.visit)
    switch reason {
    case .breakpoint(let n)?: headline += " · breakpoint \(n)"
    case .interrupted?: headline += " · interrupted"
    default: break
    }
    say(headline)
    let span = position.instruction.span
    say(SourceListing.location(span, in: span.file))
    switch position.instruction {
    case .step, .request, .call: showPreview()
    case .check: showExchangeOutcome(snapshot)
    case .outputs: showCriteria(at: position, in: snapshot)
    case .dispatch(let dispatch): showActions(dispatch, in: snapshot)
    case .return, .fail: break
    }
    showWatches()
  }

  /// `before step pollRun (visit 2)`, `after the response of pollRun`, …
  func describe(_ position: FramePosition, visit: Int) -> String {
    runTrace.describe(position, visit: visit)
  }

  /// The request the step is about to send, built now exactly as the machine will build it.
  func showPreview() {
    if let call = engine.machine.previewCall() {
      say("calls workflow \(call.workflow) (not started yet) with inputs:")
      say(indented(ValuePrinter.pretty(.object(call.inputs), maxItems: options.maxItems)))
      if let error = call.error { say("the call will fail: \(error)") }
      return
    }
    guard let preview = engine.machine.previewRequest() else { return }
    if let request = preview.request {
      say("request (not sent yet):")
      say(indented(exchangePrinter.request(request, body: preview.body)))
    } else {
      say(
        "the request cannot be built, so the step will fail: \(preview.error ?? "unknown reason")")
    }
  }

  /// After the response: the status line, headers and body (or why there is none).
  func showExchangeOutcome(_ snapshot: MachineSnapshot) {
    guard let exchange = snapshot.exchange else {
      if snapshot.stepId != nil { say("the sub-workflow returned: \(snapshot.outputs)") }
      return
    }
    if let response = exchange.response {
      say("response:")
      say(
        indented(
          exchangePrinter.response(
            response, body: exchange.responseBody,
            duration: options.showDurations ? exchange.duration : nil)))
      showChecks(exchange)
    } else {
      say("no response: \(exchange.error ?? "the request failed")")
    }
  }

  /// After the criteria: each criterion of the step with ✓ or ✗, then the verdict.
  func showCriteria(at position: FramePosition, in snapshot: MachineSnapshot) {
    let code = engine.program.workflows[position.workflowIndex]
    guard position.pc > 0, case .check(let check) = code.instructions[position.pc - 1] else {
      return
    }
    if check.criteria.isEmpty {
      say(
        "no success criteria: \(snapshot.succeeded ? "a response arrived, so the step succeeded" : "the step failed")"
      )
    } else {
      say("success criteria:")
      for criterion in check.criteria {
        let result = criterion.evaluate(in: snapshot)
        say(
          "  \(result.passed ? "✓" : "✗") \(criterion.criterion.condition)"
            + (result.reason.map { "  (\($0))" } ?? ""))
        if let trap = CriterionExplanation.jsonPathTrap(criterion, in: snapshot) {
          say("    note: \(trap)")
        }
      }
    }
    for reason in snapshot.failureReasons
    where !check.criteria.contains(where: { reason.hasPrefix($0.criterion.condition + ":") }) {
      say("  ✗ \(reason)")
    }
    say("the step \(snapshot.succeeded ? "succeeded" : "failed")")
  }

  /// Before the action: the outcome's action list in order, each with whether its criteria
  /// hold now, and the one the machine will take (the first that holds, else the default).
  func showActions(_ dispatch: Dispatch, in snapshot: MachineSnapshot) {
    let succeeded = snapshot.succeeded
    let actions = succeeded ? dispatch.onSuccess : dispatch.onFailure
    let list = succeeded ? "onSuccess" : "onFailure"
    guard !actions.isEmpty else {
      say(
        "no \(list) actions: the default, \(describe(succeeded ? dispatch.successDefault : dispatch.failureDefault, in: snapshot))"
      )
      return
    }
    say("\(list) actions, the first whose criteria hold is taken:")
    let width = actions.map(\.name.count).max() ?? 0
    let effects = actions.map { describe($0.effect, in: snapshot) }
    let effectWidth = effects.map(\.count).max() ?? 0
    var chosen: Action?
    for (action, effect) in zip(actions, effects) {
      let holds = action.criteria.allSatisfy { $0.evaluate(in: snapshot).passed }
      if holds && chosen == nil { chosen = action }
      let conditions = action.criteria.map(\.criterion.condition).joined(separator: " and ")
      var line =
        "  \(holds ? "✓" : "✗") \(action.name.padding(toLength: width, withPad: " ", startingAt: 0))  "
      line +=
        conditions.isEmpty
        ? effect
        : effect.padding(toLength: effectWidth, withPad: " ", startingAt: 0)
          + "  when \(conditions)"
      say(line)
      for criterion in action.criteria {
        if let trap = CriterionExplanation.jsonPathTrap(criterion, in: snapshot) {
          say("    note: \(trap) (:explain \(action.name))")
        }
      }
    }
    if let chosen {
      say("→ \(chosen.name): \(describe(chosen.effect, in: snapshot))")
    } else {
      say(
        "→ none holds: the default, \(describe(succeeded ? dispatch.successDefault : dispatch.failureDefault, in: snapshot))"
      )
    }
  }

  /// An action's effect in words: `goto pollRun`, `next (end of workflow)`, `end`, …
  func describe(_ effect: ActionEffect, in snapshot: MachineSnapshot) -> String {
    let code = engine.program.workflows[snapshot.workflowIndex]
    switch effect {
    case .next(let pc):
      return pc == code.returnPC
        ? "next (end of workflow)" : "next (\(code.stepId(at: pc) ?? "pc \(pc)"))"
    case .goto(let stepId, _): return "goto \(stepId)"
    case .gotoWorkflow(let ref, _): return "goto workflow \(ref.reference)"
    case .end: return "end the workflow"
    case .fail: return "fail the workflow"
    case .retry(let retry):
      return "retry (at most \(retry.limit)×" + (retry.after.map { ", after \($0) s" } ?? "") + ")"
    }
  }

  /// Each watch and its value now.
  func showWatches() {
    guard !engine.watches.isEmpty, let context = engine.context else { return }
    for watch in engine.watches {
      say(
        "watch \(watch.number): \(watch.text) = \(valueText(watch.expression.evaluate(in: context)))"
      )
    }
  }

  /// The end of the run: its outcome and outputs, as `arazzo run` prints them.
  func showFinished() {
    guard let result = engine.result else { return }
    write(TerminalText.escaped(runTrace.finished(result), keepingNewlines: true))
  }

  // MARK: The trace while running

  /// Prints what happens between pauses: each completed step attempt, warnings, sub-workflows.
  func trace(_ event: RunEvent) {
    for line in runTrace.lines(for: event) { say(line) }
  }

  /// The trace's text, as the shell prints it (retry delays only on a terminal).
  var runTrace: RunTrace { RunTrace(engine: engine, showDurations: options.showDurations) }

  /// The workflows the entry workflow depends on, in the order they run (dependsOn).
  var dependencies: [String] { runTrace.dependencies }

  /// `3  pollRun #2      GET https://…  200  ok  -> goto pollRun (keepPolling)`.
  func historyLine(_ entry: HistoryEntry, numbered: Bool = false) -> String {
    runTrace.historyLine(entry, numbered: numbered)
  }

  /// A resolution as the shell shows it: the value (pretty), or `no value: why`.
  func valueText(_ resolution: Resolution) -> String {
    switch resolution {
    case .value(let v): return ValuePrinter.pretty(v, maxItems: options.maxItems)
    case .missing(let reason): return "no value: \(reason)"
    }
  }
}

extension String {
  /// The text right-aligned in `width` columns.
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
