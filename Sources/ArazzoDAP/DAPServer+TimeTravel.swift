import ArazzoDebugger
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Time travel over the engine's snapshots of completed step attempts (nothing is sent
/// again), and `exceptionInfo`.
extension DAPServer {
  /// `stepBack`: the attempt before the one in view (from the present, the latest).
  func stepBack(_ request: DAPRequest) throws(DAPError) {
    let engine = try activeEngine()
    do {
      _ = try engine.back()
    } catch {
      throw DAPError(error.message)
    }
    respond(request)
    runMoved()
    stopped("step")
  }

  /// `reverseContinue`: back to the latest earlier attempt at a breakpoint's step (its
  /// condition holding there), else to the first attempt.
  func reverseContinue(_ request: DAPRequest) throws(DAPError) {
    let engine = try activeEngine()
    guard !engine.history.isEmpty else {
      throw DAPError("no step attempt has completed yet")
    }
    let from = engine.selectedEntry.map { $0.number - 1 } ?? engine.history.count
    var target = 1
    var hit: [Int] = []
    for entry in engine.history[..<from].reversed() {
      let matching = engine.breakpoints.matching(entry, program: engine.program)
      if !matching.isEmpty {
        target = entry.number
        hit = matching.map(\.number)
        break
      }
    }
    do {
      _ = try engine.frame(target)
    } catch {
      throw DAPError(error.message)
    }
    respond(request)
    runMoved()
    if hit.isEmpty {
      stopped("step")
    } else {
      stopped(breakpointReason(hit), breakpoints: hit)
    }
  }

  /// `exceptionInfo`: the failure the run stopped at, the failed criteria explained part by
  /// part (as the debugger's `:explain STEP`).
  func exceptionInfo(_ request: DAPRequest) throws(DAPError) {
    let engine = try activeEngine()
    guard case .exception(let filter)? = lastStop, let context = engine.presentContext else {
      throw DAPError("the run did not stop at an exception")
    }
    let step = context.stepId ?? "-"
    let reasons = context.failureReasons
    var description: String
    switch filter {
    case .workflowFailed:
      description = "workflow \(context.workflowId) fails"
    case .stepFailed, .criterionFailed:
      description = "step \(step) failed"
    }
    if !reasons.isEmpty { description += ": " + reasons.joined(separator: "; ") }
    var lines: [String] = []
    let code = engine.program.workflows[context.workflowIndex]
    for case .check(let check) in code.instructions where check.stepId == context.stepId {
      for (i, criterion) in check.criteria.enumerated() {
        lines += CriterionExplanation.explain(criterion, number: i + 1, in: context).lines
      }
    }
    let redactor = engine.configuration.redactor
    var details = object([
      "message": .string(redactor.scrub(description)), "typeName": .string(filter.rawValue),
    ])
    if !lines.isEmpty {
      details["stackTrace"] = .string(redactor.scrub(lines.joined(separator: "\n")))
    }
    respond(
      request,
      body: .object(
        object([
          "exceptionId": .string(filter.rawValue),
          "description": .string(redactor.scrub(description)),
          "breakMode": "always", "details": .object(details),
        ])))
  }
}
