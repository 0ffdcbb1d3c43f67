import ArazzoDebugger
import ArazzoExpressions
import ArazzoIR
import ArazzoJSON

/// Breakpoints: `setBreakpoints` (YAML lines), `setFunctionBreakpoints` (step ids) and
/// `setExceptionBreakpoints` (the engine's exception filters). Each request replaces what the
/// previous one of its kind set; the engine keeps them all in its one table.
extension DAPServer {
  /// The engine once launched (breakpoints are set between launch and configurationDone, and
  /// while paused).
  func launchedEngine() throws(DAPError) -> DebugEngine {
    guard let engine, phase != .idle else { throw DAPError("no run yet: send launch first") }
    return engine
  }

  func setBreakpoints(_ request: DAPRequest) throws(DAPError) {
    let engine = try launchedEngine()
    guard let path = request.arguments["source"]?["path"]?.stringValue else {
      throw DAPError("setBreakpoints needs source.path")
    }
    for number in sourceBreakpoints[path] ?? [] { _ = engine.breakpoints.delete(number) }
    var numbers: [Int] = []
    var answers: [JSONValue] = []
    for wanted in request.arguments["breakpoints"]?.arrayValue ?? [] {
      // Clamped to the protocol's 32 bits: the line is shifted by the client's line base.
      guard let line = wanted["line"]?.intValue.map({ min(max($0, 0), Int(Int32.max)) }) else {
        answers.append(unverified("a breakpoint needs a line"))
        continue
      }
      let answer = add(
        "\(path):\(documentLine(line))", options: wanted, in: engine, numbers: &numbers)
      answers.append(answer)
    }
    sourceBreakpoints[path] = numbers
    respond(request, body: ["breakpoints": .array(answers)])
  }

  /// Function breakpoints name a step: `pollRun` (in any workflow that has it) or
  /// `workflowId.stepId`.
  func setFunctionBreakpoints(_ request: DAPRequest) throws(DAPError) {
    let engine = try launchedEngine()
    for number in functionBreakpoints { _ = engine.breakpoints.delete(number) }
    var numbers: [Int] = []
    var answers: [JSONValue] = []
    for wanted in request.arguments["breakpoints"]?.arrayValue ?? [] {
      guard let name = wanted["name"]?.stringValue,
        !name.trimmingCharacters(in: .whitespaces).isEmpty
      else {
        answers.append(unverified("a function breakpoint needs a name: a step id"))
        continue
      }
      answers.append(add(name, options: wanted, in: engine, numbers: &numbers))
    }
    functionBreakpoints = numbers
    respond(request, body: ["breakpoints": .array(answers)])
  }

  /// Adds one breakpoint at `target` with the `condition`, `hitCondition` and `logMessage` of
  /// `options`; the answer says where it resolved, or why it was refused.
  private func add(
    _ target: String, options: JSONValue, in engine: DebugEngine, numbers: inout [Int]
  ) -> JSONValue {
    var text = target
    if let condition = options["condition"]?.stringValue,
      !condition.trimmingCharacters(in: .whitespaces).isEmpty
    {
      text += " if " + condition
    }
    var hitCondition: HitCondition?
    if let written = options["hitCondition"]?.stringValue,
      !written.trimmingCharacters(in: .whitespaces).isEmpty
    {
      guard let parsed = HitCondition(written) else {
        return unverified(
          "hit condition '\(written)' is not N, ==N, >=N, >N or %N (N a whole number from 1)")
      }
      hitCondition = parsed
    }
    let logMessage = options["logMessage"]?.stringValue
    if let logMessage {
      var diagnostics: [Diagnostic] = []
      _ = ValueTemplate.compile(
        string: logMessage, options: .init(bareExpressions: false), diagnostics: &diagnostics)
      if let error = diagnostics.first(where: { $0.severity == .error }) {
        return unverified("the log message does not parse: \(error.message)")
      }
    }
    let breakpoint: Breakpoint
    do {
      breakpoint = try engine.breakpoints.add(
        text, temporary: false, program: engine.program,
        current: engine.position?.workflowIndex ?? engine.run.workflowIndex)
    } catch {
      return unverified(error.message)
    }
    engine.breakpoints.configure(
      breakpoint.number, hitCondition: hitCondition, logMessage: logMessage)
    numbers.append(breakpoint.number)
    var answer = object([
      "id": .integer(breakpoint.number), "verified": true,
      "message": .string(breakpoint.resolved),
    ])
    if let span = span(of: breakpoint.target, in: engine.program) {
      answer["source"] = source(span.start.file.path)
      answer["line"] = .integer(clientLine(span.start.line))
    }
    return .object(answer)
  }

  private func unverified(_ message: String) -> JSONValue {
    ["verified": false, "message": .string(message)]
  }

  /// Where a breakpoint stops: its instruction, or the first step of that id.
  private func span(of target: BreakpointTarget, in program: Program) -> SourceSpan? {
    switch target {
    case .instruction(let w, let pc): return program.workflows[w].instructions[pc].span
    case .step(let id):
      for code in program.workflows {
        if let pc = code.pc(ofStep: id) { return code.instructions[pc].span }
      }
      return nil
    }
  }

  /// The exception filters to stop at (none by default): `stepFailed`, `criterionFailed`,
  /// `workflowFailed`.
  func setExceptionBreakpoints(_ request: DAPRequest) throws(DAPError) {
    let engine = try launchedEngine()
    var ids = (request.arguments["filters"]?.arrayValue ?? []).compactMap(\.stringValue)
    ids += (request.arguments["filterOptions"]?.arrayValue ?? []).compactMap {
      $0["filterId"]?.stringValue
    }
    var filters: Set<ExceptionFilter> = []
    var answers: [JSONValue] = []
    for id in ids {
      if let filter = ExceptionFilter(rawValue: id) {
        filters.insert(filter)
        answers.append(["verified": true])
      } else {
        let known = ExceptionFilter.allCases.map(\.rawValue).joined(separator: ", ")
        answers.append(unverified("no exception filter '\(id)' (filters: \(known))"))
      }
    }
    engine.exceptionFilters = filters
    respond(request, body: ["breakpoints": .array(answers)])
  }
}
