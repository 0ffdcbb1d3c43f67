import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime

/// The session's start: `initialize`, `launch`, `configurationDone`, and `threads`.
extension DAPServer {
  /// What the adapter can do; a handler's request is announced only when a handler answers it.
  var capabilities: JSONObject {
    var c = object([
      "supportsConfigurationDoneRequest": true,
      "supportsFunctionBreakpoints": true,
      "supportsConditionalBreakpoints": true,
      "supportsHitConditionalBreakpoints": true,
      "supportsLogPoints": true,
      "supportsStepBack": true,
      "supportsRestartRequest": true,
      "supportsExceptionInfoRequest": true,
      "supportsTerminateRequest": true,
      "supportsSteppingGranularity": true,
      "exceptionBreakpointFilters": .array(ExceptionFilter.allCases.map(\.dapFilter)),
    ])
    let delegated: [(String, String)] = [
      ("setVariable", "supportsSetVariable"), ("gotoTargets", "supportsGotoTargetsRequest"),
      ("completions", "supportsCompletionsRequest"), ("disassemble", "supportsDisassembleRequest"),
      ("evaluate", "supportsEvaluateForHovers"),
    ]
    for (command, capability) in delegated where factory.commands.contains(command) {
      c[capability] = true
    }
    return c
  }

  func initialize(_ request: DAPRequest) throws(DAPError) {
    guard !initialized else { throw DAPError("already initialized") }
    initialized = true
    linesStartAt1 = request.arguments["linesStartAt1"]?.boolValue ?? true
    columnsStartAt1 = request.arguments["columnsStartAt1"]?.boolValue ?? true
    respond(request, body: .object(capabilities))
  }

  /// Sets the run up as `arazzo debug` does (`RunPlan`, then the engine, paused before the
  /// first instruction); nothing is sent yet. An invalid document or bad inputs: each
  /// diagnostic as an output event at its line, and an error response. Then `initialized`:
  /// the client sends the breakpoints, then `configurationDone` starts the run.
  func launch(_ request: DAPRequest) async throws(DAPError) {
    guard phase == .idle else { throw DAPError("already launched; restart runs it again") }
    var arguments = try LaunchArguments(request.arguments)
    arguments.linesStartAt1 = linesStartAt1
    arguments.columnsStartAt1 = columnsStartAt1
    let plan: RunPlan
    do {
      plan = try RunPlan(arguments.request)
    } catch {
      for diagnostic in error.diagnostics { say(diagnostic, redactor: error.redactor) }
      let errors = error.diagnostics.filter { $0.severity == .error }
      let first = errors.first.map { DiagnosticRenderer.headline($0) } ?? "unknown reason"
      let count = "\(errors.count) error\(errors.count == 1 ? "" : "s")"
      throw DAPError(
        (error.documentInvalid
          ? "\(arguments.request.document) is invalid (\(count), in the debug console): "
          : "the run cannot start (\(count), in the debug console): ")
          + error.redactor.scrub(first))
    }
    let replay = arguments.replay
    let engine: DebugEngine
    do {
      engine = try DebugEngine(
        DebugConfiguration(plan: plan, makeTransport: { try plan.baseTransport(replay: replay) }))
    } catch {
      throw DAPError(replay.map { "cannot replay '\($0)': \(error)" } ?? "cannot start: \(error)")
    }
    for warning in plan.warnings { say(warning, redactor: plan.redactor) }
    self.engine = engine
    self.launch = arguments
    let trace = RunTrace(engine: engine)
    self.trace = trace
    engine.onEvent = { [weak self] event in self?.traced(event) }
    engine.onLogPoint = { [weak self] point, context in self?.logged(point, in: context) }
    handlers = factory.make(engine, arguments)
    routes = [:]
    for handler in handlers {
      for command in handler.commands where routes[command] == nil { routes[command] = handler }
    }
    phase = .configuring
    respond(request)
    event("initialized")
  }

  /// A diagnostic as an output event at its place (errors on stderr).
  func say(_ diagnostic: Diagnostic, redactor: Redactor) {
    output(
      redactor.scrub(DiagnosticRenderer.headline(diagnostic)) + "\n",
      category: diagnostic.severity == .error ? "stderr" : "console", at: diagnostic.span)
  }

  /// The run starts: paused at the entry with `stopOnEntry`, else running to a breakpoint, an
  /// exception filter or the end.
  func configurationDone(_ request: DAPRequest) async throws(DAPError) {
    guard phase == .configuring else {
      throw DAPError(phase == .idle ? "launch first" : "configurationDone was already sent")
    }
    phase = .active
    respond(request)
    await begin()
  }

  /// The start of a run (after `configurationDone` and `restart`).
  func begin() async {
    if launch?.stopOnEntry == true {
      stopped("entry")
    } else if let breakpoint = engine?.breakpointHere() {
      // A breakpoint at the first step: no instruction runs to get there.
      lastStop = .breakpoint(breakpoint.number)
      stopped(breakpointReason([breakpoint.number]), breakpoints: [breakpoint.number])
    } else {
      await run(.continue)
    }
  }

  /// One thread: the run.
  func threads(_ request: DAPRequest) throws(DAPError) {
    var threads: [JSONValue] = []
    if let trace {
      threads.append(["id": 1, "name": .string("workflow \(trace.entryWorkflowId)")])
    }
    respond(request, body: ["threads": .array(threads)])
  }
}

extension ExceptionFilter {
  /// The filter as `initialize` announces it.
  var dapFilter: JSONValue {
    .object(
      object([
        "filter": .string(rawValue), "label": .string(label), "description": .string(explanation),
        "default": false,
      ]))
  }

  var label: String {
    switch self {
    case .stepFailed: return "A step failed"
    case .criterionFailed: return "A success criterion failed"
    case .workflowFailed: return "A workflow failed"
    }
  }

  var explanation: String {
    switch self {
    case .stepFailed:
      return
        "Pause after the criteria of a step that failed (no response, a request that could not be built, a criterion)"
    case .criterionFailed:
      return "Pause after the criteria of a step whose success criteria do not all hold"
    case .workflowFailed: return "Pause before a workflow (or sub-workflow) fails"
    }
  }
}
