import ArazzoExpressions
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Teaching: `:explain EXPR | CONDITION | ACTION-NAME` shows how something evaluated, part by
/// part, in the current context (or the attempt `:back` selected).
extension DebugShell {
  func explain(_ argument: String) {
    guard let context = engine.context else {
      return fail("nothing to explain against: the run has not started")
    }
    if let (stepId, action, list) = findAction(argument, in: context) {
      record.explained = .action(name: action.name, stepId: stepId)
      explain(action, of: stepId, list: list, in: context)
      return
    }
    if let check = findCheck(argument, in: context) {
      record.explained = .criteria(stepId: check.stepId)
      explain(check, in: context)
      return
    }
    switch parse(argument) {
    case .success(let evaluable):
      record.explained = .expression(argument)
      say(String(evaluable.explain(in: context).render().dropLast()))
    case .failure(let error):
      fail(error.message)
    }
  }

  /// The action called `name`: in the current step's dispatch first, then any step of the
  /// current workflow.
  func findAction(_ name: String, in context: MachineSnapshot) -> (String, Action, String)? {
    guard name.first.map({ $0.isLetter || $0 == "_" }) == true, !name.contains(" ") else {
      return nil
    }
    let code = engine.program.workflows[context.workflowIndex]
    var dispatches: [Dispatch] = []
    for case .dispatch(let d) in code.instructions { dispatches.append(d) }
    let current = dispatches.filter { $0.stepId == context.stepId }
    for dispatch in current + dispatches.filter({ $0.stepId != context.stepId }) {
      if let action = dispatch.onSuccess.first(where: { $0.name == name }) {
        return (dispatch.stepId, action, "onSuccess")
      }
      if let action = dispatch.onFailure.first(where: { $0.name == name }) {
        return (dispatch.stepId, action, "onFailure")
      }
    }
    return nil
  }

  /// The `check` of step `stepId` in the current workflow.
  func findCheck(_ stepId: String, in context: MachineSnapshot) -> Check? {
    for case .check(let check) in engine.program.workflows[context.workflowIndex].instructions
    where check.stepId == stepId {
      return check
    }
    return nil
  }

  /// A step's success criteria, each explained, then the verdict they give.
  func explain(_ check: Check, in context: MachineSnapshot) {
    say("success criteria of step \(check.stepId)")
    if check.stepId != context.stepId {
      say("  (evaluated in the context of step \(context.stepId ?? "-"), where the run is)")
    }
    if check.criteria.isEmpty {
      say("  none: the step succeeds when a response arrives (or its workflow succeeds)")
    }
    var all = true
    for (i, criterion) in check.criteria.enumerated() {
      all = explain(criterion, number: i + 1, in: context) && all
    }
    say(
      all
        ? "→ every criterion holds: \(check.stepId) succeeds"
        : "→ a criterion does not hold: \(check.stepId) fails")
  }

  /// An action's criteria, each explained, then whether the action matches.
  func explain(_ action: Action, of stepId: String, list: String, in context: MachineSnapshot) {
    say(
      "action \(action.name) of step \(stepId) (\(list)): \(describe(action.effect, in: context))")
    if stepId != context.stepId {
      say("  (evaluated in the context of step \(context.stepId ?? "-"), where the run is)")
    }
    if action.criteria.isEmpty { say("  no criteria: it matches whenever its list is reached") }
    var all = true
    for (i, criterion) in action.criteria.enumerated() {
      let passed = explain(criterion, number: i + 1, in: context)
      all = all && passed
    }
    say(
      all
        ? "→ every criterion holds: \(action.name) matches"
        : "→ a criterion does not hold: \(action.name) does not match")
  }

  /// One criterion: its type and context, how it was read, its parts, and the outcome.
  func explain(_ compiled: CompiledCriterion, number: Int, in context: MachineSnapshot) -> Bool {
    let (lines, passed) = CriterionExplanation.explain(compiled, number: number, in: context)
    for line in lines { say(line) }
    return passed
  }

  /// Compact JSON cut to 72 characters, with `…` where it was cut.
  static func clipped(_ text: String) -> String { CriterionExplanation.clipped(text) }
}
