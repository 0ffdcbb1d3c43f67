import ArazzoDebugger
import ArazzoExpressions
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// What must be true of a debugging session for an exercise to pass: a fact about the engine
/// (where the run is paused, its breakpoints, its history) or about what the last command did
/// (the value it evaluated, what it explained), never about the text typed. Written in a
/// lesson file as one line each:
///
/// ```
/// paused before STEP [visit N]         paused after-response STEP …   paused after-criteria STEP …
/// paused before-action STEP …          paused at-breakpoint           finished [succeeded|failed]
/// value JSON                           value missing
/// explained action NAME                explained criteria STEP        explained expression
/// breakpoint STEP [if]                 attempts STEP N                watching
/// input NAME JSON                      restarted                      inspecting STEP
/// ```
public enum TourCheck: Sendable, Equatable {
  /// Paused at `point` of `stepId`, on visit `visit` when given.
  case paused(PausePoint, stepId: String, visit: Int?)
  /// The last command stopped at a breakpoint.
  case atBreakpoint
  /// The run has finished (with that status, when given).
  case finished(RunResult.Status?)
  /// The last command evaluated an expression to this value.
  case value(JSONValue)
  /// The last command evaluated an expression that has no value.
  case valueMissing
  /// The last command explained this action.
  case explainedAction(String)
  /// The last command explained this step's success criteria.
  case explainedCriteria(String)
  /// The last command explained an expression or condition.
  case explainedExpression
  /// A breakpoint is set on the step (with a condition, when `conditional`).
  case breakpoint(stepId: String, conditional: Bool)
  /// At least `count` attempts of the step have completed.
  case attempts(stepId: String, count: Int)
  /// A watch is set.
  case watching
  /// The run's input has this value.
  case input(String, JSONValue)
  /// The run was restarted at least once.
  case restarted
  /// A past attempt of the step is being inspected (`:back`, `:frame`).
  case inspecting(String)

  /// Why a check's text is not one.
  public struct ParseError: Error, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
  }

  static let points: [(String, PausePoint)] = [
    ("before", .beforeStep), ("after-response", .afterResponse),
    ("after-criteria", .afterCriteria), ("before-action", .beforeAction),
  ]

  static let vocabulary =
    "paused, finished, value, explained, breakpoint, attempts, watching, input, restarted, "
    + "inspecting"

  /// Parses one check.
  public static func parse(_ text: String) throws(ParseError) -> TourCheck {
    let words = text.split(separator: " ").map(String.init)
    guard let first = words.first else { throw ParseError("empty; checks: \(vocabulary)") }
    let rest = Array(words.dropFirst())
    let tail = rest.dropFirst().joined(separator: " ")
    switch first {
    case "paused":
      if rest == ["at-breakpoint"] { return .atBreakpoint }
      guard rest.count == 2 || (rest.count == 4 && rest[2] == "visit"),
        let point = points.first(where: { $0.0 == rest[0] })?.1
      else {
        throw ParseError(
          "expected 'paused (before|after-response|after-criteria|before-action) STEP [visit N]'"
            + " or 'paused at-breakpoint'")
      }
      var visit: Int?
      if rest.count == 4 {
        guard let n = Int(rest[3]), n > 0 else { throw ParseError("visit N needs a number ≥ 1") }
        visit = n
      }
      return .paused(point, stepId: rest[1], visit: visit)
    case "finished":
      switch rest {
      case []: return .finished(nil)
      case ["succeeded"]: return .finished(.succeeded)
      case ["failed"]: return .finished(.failed)
      default: throw ParseError("expected 'finished', 'finished succeeded' or 'finished failed'")
      }
    case "value":
      let json = rest.joined(separator: " ")
      if json == "missing" { return .valueMissing }
      return .value(try parseJSON(json))
    case "explained":
      switch (rest.first, rest.count) {
      case ("action", 2): return .explainedAction(rest[1])
      case ("criteria", 2): return .explainedCriteria(rest[1])
      case ("expression", 1): return .explainedExpression
      default:
        throw ParseError(
          "expected 'explained action NAME', 'explained criteria STEP' or 'explained expression'")
      }
    case "breakpoint":
      guard rest.count == 1 || (rest.count == 2 && rest[1] == "if") else {
        throw ParseError("expected 'breakpoint STEP' or 'breakpoint STEP if'")
      }
      return .breakpoint(stepId: rest[0], conditional: rest.count == 2)
    case "attempts":
      guard rest.count == 2, let n = Int(rest[1]), n > 0 else {
        throw ParseError("expected 'attempts STEP N' (N ≥ 1)")
      }
      return .attempts(stepId: rest[0], count: n)
    case "watching" where rest.isEmpty: return .watching
    case "inspecting" where rest.count == 1: return .inspecting(rest[0])
    case "restarted" where rest.isEmpty: return .restarted
    case "input":
      guard let name = rest.first, !tail.isEmpty else {
        throw ParseError("expected 'input NAME JSON'")
      }
      return .input(name, try parseJSON(tail))
    default:
      throw ParseError("unknown check '\(first)'; checks: \(vocabulary)")
    }
  }

  private static func parseJSON(_ text: String) throws(ParseError) -> JSONValue {
    do { return try JSONParser.parse(text) } catch {
      throw ParseError("'\(text)' is not JSON")
    }
  }

  // MARK: Evaluation

  /// Whether the check holds in `shell`'s session; when it does not, what is the case instead.
  public func evaluate(in shell: DebugShell) -> (passed: Bool, actual: String) {
    let engine = shell.engine
    let record = shell.record
    switch self {
    case .paused(let point, let stepId, let visit):
      guard let position = engine.position, let here = engine.pausePoint else {
        return (false, Self.whereRunIs(engine))
      }
      let seenVisit = engine.presentContext?.visit ?? 0
      let passed =
        here == point && position.stepId == stepId && (visit == nil || visit == seenVisit)
      return (passed, Self.whereRunIs(engine))
    case .atBreakpoint:
      if case .breakpoint(let n)? = record.pause {
        return (true, "breakpoint \(n) stopped the run")
      }
      return (false, "no breakpoint stopped the run; " + Self.whereRunIs(engine))
    case .finished(let status):
      guard let result = engine.result else { return (false, Self.whereRunIs(engine)) }
      return (status == nil || status == result.status, "the run \(result.status.rawValue)")
    case .value(let expected):
      switch record.value {
      case .value(let got)?:
        return (got == expected, "the value was \(JSONPrinter.compact(got))")
      case .missing(let why)?: return (false, "the expression had no value: \(why)")
      case nil: return (false, "nothing was evaluated")
      }
    case .valueMissing:
      switch record.value {
      case .value(let got)?: return (false, "the value was \(JSONPrinter.compact(got))")
      case .missing(let why)?: return (true, "no value: \(why)")
      case nil: return (false, "nothing was evaluated")
      }
    case .explainedAction(let name):
      var passed = false
      if case .action(let explained, _)? = record.explained { passed = explained == name }
      return (passed, Self.describe(record.explained))
    case .explainedCriteria(let stepId):
      return (record.explained == .criteria(stepId: stepId), Self.describe(record.explained))
    case .explainedExpression:
      var passed = false
      if case .expression? = record.explained { passed = true }
      return (passed, Self.describe(record.explained))
    case .breakpoint(let stepId, let conditional):
      let all = engine.breakpoints.all
      let passed = all.contains {
        $0.target == .step(stepId) && (!conditional || $0.condition != nil)
      }
      let listed = all.map { $0.resolved + ($0.conditionText.map { " if " + $0 } ?? "") }
      return (
        passed,
        all.isEmpty ? "no breakpoint is set" : "breakpoints: " + listed.joined(separator: ", ")
      )
    case .attempts(let stepId, let count):
      let seen = engine.history.filter { $0.stepId == stepId }.count
      return (seen >= count, "\(stepId) has completed \(seen) attempt\(seen == 1 ? "" : "s")")
    case .watching:
      let n = engine.watches.count
      return (n > 0, n == 0 ? "no watch is set" : "\(n) watch\(n == 1 ? "" : "es") set")
    case .input(let name, let expected):
      let got =
        engine.presentContext?.inputValues.objectValue?[name] ?? engine.inputs.objectValue?[name]
      return (
        got == expected, "$inputs.\(name) is \(got.map(JSONPrinter.compact) ?? "not set")"
      )
    case .restarted:
      return (engine.runNumber > 1, "this is run \(engine.runNumber)")
    case .inspecting(let stepId):
      guard let entry = engine.selectedEntry else {
        return (false, "the debugger shows the present, no past attempt")
      }
      return (
        entry.stepId == stepId, "the debugger shows attempt #\(entry.number), of \(entry.stepId)"
      )
    }
  }

  /// What the check asks for, in words (said when it does not hold yet).
  public var expectation: String {
    switch self {
    case .paused(let point, let stepId, let visit):
      let name = Self.points.first { $0.1 == point }?.0 ?? point.rawValue
      return "the run paused \(name) \(stepId)" + (visit.map { " (visit \($0))" } ?? "")
    case .atBreakpoint: return "a breakpoint to stop the run"
    case .finished(let status): return "the run " + (status?.rawValue ?? "finished")
    case .value(let v): return "an expression evaluated to \(JSONPrinter.compact(v))"
    case .valueMissing: return "an expression evaluated with no value"
    case .explainedAction(let name): return ":explain of the action \(name)"
    case .explainedCriteria(let stepId): return ":explain of the success criteria of \(stepId)"
    case .explainedExpression: return ":explain of an expression"
    case .breakpoint(let stepId, let conditional):
      return "a breakpoint on \(stepId)" + (conditional ? " with a condition" : "")
    case .attempts(let stepId, let count): return "\(count) completed attempts of \(stepId)"
    case .watching: return "a watch"
    case .input(let name, let v): return "$inputs.\(name) = \(JSONPrinter.compact(v))"
    case .restarted: return "a restarted run"
    case .inspecting(let stepId): return "a past attempt of \(stepId) in view"
    }
  }

  /// Where the run stands, in words.
  static func whereRunIs(_ engine: DebugEngine) -> String {
    if let result = engine.result { return "the run has finished: it \(result.status.rawValue)" }
    guard let position = engine.position else { return "the run has not started" }
    let step = position.stepId ?? "(none)"
    switch engine.pausePoint {
    case .beforeStep?: return "the run is paused before \(step)"
    case .afterResponse?: return "the run is paused after the response of \(step)"
    case .afterCriteria?: return "the run is paused after the criteria of \(step)"
    case .beforeAction?: return "the run is paused before the action of \(step)"
    case nil: return "the run is inside \(step), between pause points"
    }
  }

  static func describe(_ explained: Explained?) -> String {
    switch explained {
    case .action(let name, let stepId)?: return "you explained the action \(name) of \(stepId)"
    case .criteria(let stepId)?: return "you explained the criteria of \(stepId)"
    case .expression(let text)?: return "you explained \(text)"
    case nil: return "nothing was explained"
    }
  }
}
