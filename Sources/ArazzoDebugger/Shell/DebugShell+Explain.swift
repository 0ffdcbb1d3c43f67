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
      explain(action, of: stepId, list: list, in: context)
      return
    }
    if let check = findCheck(argument, in: context) {
      explain(check, in: context)
      return
    }
    switch parse(argument) {
    case .success(let evaluable):
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
    let criterion = compiled.criterion
    let type = criterion.type.rawValue
    say(
      "  criterion \(number): \(criterion.condition)  [\(type)\(criterion.context.map { ", context \($0)" } ?? "")]"
    )
    let result = compiled.explain(in: context)
    switch compiled.body {
    case .simple:
      if let trace = result.trace { say(indented(String(trace.render().dropLast()), by: 4)) }
    case .jsonpathLogical(_, let suggestion):
      say("    how it was read: not an RFC 9535 query (it compares), so it is read as an RFC 9535")
      say("    logical expression with $ bound to the context value (warning AZ2025);")
      say("    the query that means the same is \(suggestion)")
      if let root = contextValue(compiled, in: context) {
        for path in jsonPaths(in: criterion.condition) {
          guard let query = try? JSONPath.parse(path) else { continue }
          let values: [JSONValue]
          do {
            values = try query.values(root)
          } catch {
            say("    \(path)  →  \(error.message)")
            continue
          }
          let shown = Self.clipped(
            JSONPrinter.compact(values.count == 1 ? values[0] : .array(values)))
          say("    \(path)  →  \(values.isEmpty ? "nothing" : shown)")
        }
      }
      say("    \(criterion.condition)  →  \(result.passed)")
    default:
      // Prints the context expression and its value (once).
      _ = contextValue(compiled, in: context)
    }
    if !result.explanation.isEmpty {
      for line in result.explanation { say("    " + line) }
    } else if let detail = result.detail, !isLogical(compiled) {
      say("    \(detail)")
    }
    if let error = result.error { say("    error: \(error)") }
    for missing in result.missing { say("    no value: \(missing)") }
    say("    → \(result.passed ? "holds" : "does not hold")")
    return result.passed
  }

  /// For a jsonpath criterion that holds because its query selected null, false or empty
  /// (`$.next` on `{"next": null}`): that it still counts, and the filter probably meant.
  func jsonPathTrap(_ compiled: CompiledCriterion, in context: MachineSnapshot) -> String? {
    guard case .jsonpath = compiled.body else { return nil }
    return compiled.explain(in: context).explanation.first { $0.hasPrefix("it selected ") }
  }

  func isLogical(_ compiled: CompiledCriterion) -> Bool {
    if case .jsonpathLogical = compiled.body { return true }
    return false
  }

  /// Compact JSON cut to 72 characters, with `…` where it was cut.
  static func clipped(_ text: String) -> String {
    text.count <= 72 ? text : String(text.prefix(71)) + "…"
  }

  /// The value of the criterion's `context` expression, for showing the parts of a query.
  func contextValue(_ compiled: CompiledCriterion, in context: MachineSnapshot) -> JSONValue? {
    guard let expression = compiled.context else { return nil }
    let value = expression.evaluate(in: context).value
    if let value { say("    \(expression.text)  →  \(Self.clipped(JSONPrinter.compact(value)))") }
    return value
  }

  /// The JSONPath queries inside a logical expression (`$.data.status` in
  /// `$.data.status == 20 || $.data.status == 30`), each once, in order.
  func jsonPaths(in condition: String) -> [String] {
    var paths: [String] = []
    var current = ""
    var inPath = false
    var quote: Character?
    for c in condition + " " {
      if inPath {
        if let q = quote {
          current.append(c)
          if c == q { quote = nil }
          continue
        }
        if c == "'" || c == "\"" {
          quote = c
          current.append(c)
        } else if c.isLetter || c.isNumber || "_.$[]*-".contains(c) {
          current.append(c)
        } else {
          if current.count > 1, !paths.contains(current) { paths.append(current) }
          inPath = false
          current = ""
        }
      } else if c == "$" {
        inPath = true
        current = "$"
      }
    }
    return paths
  }
}
