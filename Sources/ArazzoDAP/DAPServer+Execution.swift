import ArazzoDebugger
import ArazzoExpressions
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Execution control: continue, the steps, pause, restart, terminate, disconnect; the
/// `stopped`, `output` and end-of-run events.
extension DAPServer {
  /// The engine of a run that has been configured and can move.
  func activeEngine() throws(DAPError) -> DebugEngine {
    guard let engine else { throw DAPError("no run yet: send launch first") }
    switch phase {
    case .idle: throw DAPError("no run yet: send launch first")
    case .configuring: throw DAPError("the run starts at configurationDone")
    case .ended: throw DAPError("the run has ended; restart runs it again")
    case .active: return engine
    }
  }

  /// `continue`; in the past (after `stepBack`), forward through the history to the next
  /// attempt at a breakpoint, else back to the present, where it stops (nothing is sent).
  func continueRequest(_ request: DAPRequest) async throws(DAPError) {
    let engine = try activeEngine()
    respond(request, body: ["allThreadsContinued": true])
    if let entry = engine.selectedEntry {
      for later in engine.history[entry.number...] {
        let matching = engine.breakpoints.matching(later, program: engine.program)
        guard !matching.isEmpty else { continue }
        _ = try? engine.frame(later.number)
        runMoved()
        stopped(breakpointReason(matching.map(\.number)), breakpoints: matching.map(\.number))
        return
      }
      engine.returnToPresent()
      runMoved()
      stopped("step")
      return
    }
    await run(.continue)
  }

  /// `function breakpoint` when every one of `numbers` is a function breakpoint.
  func breakpointReason(_ numbers: [Int]) -> String {
    numbers.allSatisfy(functionBreakpoints.contains) ? "function breakpoint" : "breakpoint"
  }

  /// `next`, `stepIn`, `stepOut` (`granularity: instruction`: one IR instruction). In the past
  /// (after `stepBack`) they walk forward through the history, nothing sent again, and from the
  /// latest attempt back to the present.
  func step(_ request: DAPRequest) async throws(DAPError) {
    let engine = try activeEngine()
    if let entry = engine.selectedEntry {
      respond(request)
      if entry.number < engine.history.count {
        _ = try? engine.frame(entry.number + 1)
      } else {
        engine.returnToPresent()
      }
      runMoved()
      stopped("step")
      return
    }
    let mode: StepMode
    if request.arguments["granularity"]?.stringValue == "instruction" {
      mode = .stepi
    } else {
      switch request.command {
      case "stepIn": mode = .step
      case "stepOut": mode = .finish
      default: mode = .next
      }
    }
    respond(request)
    await run(mode)
  }

  /// Stops a running `continue` at the next instruction boundary (the reader noted the request
  /// as it arrived); when the run is already paused, there is nothing to do.
  func pause(_ request: DAPRequest) throws(DAPError) {
    _ = try activeEngine()
    interrupt.clearPause()
    respond(request)
  }

  /// Resumes the engine and tells the client where it stopped.
  func run(_ mode: StepMode) async {
    guard let engine else { return }
    let interrupt = self.interrupt
    let handle = EngineHandle(engine)
    let reason = await interrupt.run {
      await handle.engine.resume(mode, interrupted: { interrupt.requested })
    }
    lastStop = reason
    runMoved()
    switch reason {
    case .finished:
      // Ended by terminate or disconnect (the run's task cancelled): they say how it ended.
      if !interrupt.ending { finish() }
    case .stepped: stopped("step")
    case .breakpoint(let number):
      stopped(breakpointReason([number]), breakpoints: [number])
    case .interrupted:
      // A terminate or disconnect is about to end the run: no pause to show.
      if !interrupt.ending {
        interrupt.clearPause()
        stopped("pause")
      }
    case .exception(let filter): stopped("exception", text: filter.label)
    }
  }

  /// A `stopped` event: why, and where in words (the debugger's pause banner).
  func stopped(_ reason: String, breakpoints: [Int] = [], text: String? = nil) {
    guard let engine, let trace else { return }
    var where_: String
    if let entry = engine.selectedEntry {
      where_ = "back at #\(entry.number): \(trace.historyLine(entry))"
    } else if let position = engine.position, let snapshot = engine.presentContext {
      where_ = trace.describe(position, visit: snapshot.visit)
    } else {
      where_ = "the run has finished"
    }
    if reason == "exception", let text { where_ = "\(text): \(where_)" }
    var body = object([
      "reason": .string(reason),
      "description": .string(engine.configuration.redactor.scrub(where_)),
      "threadId": 1, "allThreadsStopped": true,
    ])
    if let text { body["text"] = .string(text) }
    if !breakpoints.isEmpty { body["hitBreakpointIds"] = .array(breakpoints.map { .integer($0) }) }
    event("stopped", body)
  }

  /// The run finished: its outcome as `arazzo run` prints it, then `exited` and `terminated`.
  func finish() {
    guard let engine, let trace, phase == .active else { return }
    if let result = engine.result { output(trace.finished(result)) }
    ended(exitCode: engine.result?.status == .succeeded ? 0 : 1)
  }

  /// `exited` with `exitCode`, then `terminated`; the run is over until a restart.
  func ended(exitCode: Int) {
    phase = .ended
    event("exited", object(["exitCode": .integer(exitCode)]))
    event("terminated")
  }

  /// A trace line per completed step attempt, sub-workflow and retry; warnings at their line.
  func traced(_ event: RunEvent) {
    guard let trace else { return }
    if case .warning(let diagnostic) = event {
      output(
        DiagnosticRenderer.headline(diagnostic) + "\n", category: "console", at: diagnostic.span)
      return
    }
    for line in trace.lines(for: event) { output(line + "\n") }
  }

  /// A log point's message, its `{$…}` parts evaluated where the run is.
  func logged(_ point: Breakpoint, in context: MachineSnapshot) {
    guard let message = point.logMessage else { return }
    var diagnostics: [Diagnostic] = []
    let template = ValueTemplate.compile(
      string: message, options: .init(bareExpressions: false), diagnostics: &diagnostics)
    let text: String
    switch template.evaluate(in: context) {
    case .value(.string(let s)): text = s
    case .value(let v): text = JSONPrinter.compact(v)
    case .missing(let reason): text = "\(message) (no value: \(reason))"
    }
    let span = engine?.position.map { $0.instruction.span }
    output(text + "\n", at: span)
  }

  /// `restart`: a fresh run with the same inputs (a replay starts over); breakpoints stay.
  func restart(_ request: DAPRequest) async throws(DAPError) {
    guard let engine, phase == .active || phase == .ended else {
      throw DAPError(phase == .idle ? "launch first" : "the run starts at configurationDone")
    }
    // The editor may send the launch configuration as it is now: its inputs are taken.
    let inputs = try request.arguments["arguments"]?.objectValue.map {
      configuration throws(DAPError) in
      try restartInputs(configuration, engine: engine)
    }
    do {
      try await engine.restart(inputs: inputs)
    } catch {
      throw DAPError("cannot restart: \(error)")
    }
    phase = .active
    lastStop = nil
    runMoved()
    respond(request)
    output("restarted: run \(engine.runNumber)\n")
    await begin()
  }

  /// The inputs of `configuration`, a restart's launch configuration, bound by the workflow's
  /// input schema as `launch` binds them; a change to anything but the inputs is refused (the
  /// document, the workflow, the servers or the limits need a new session).
  func restartInputs(
    _ configuration: JSONObject, engine: DebugEngine
  ) throws(DAPError) -> JSONValue {
    let new = try LaunchArguments(configuration)
    guard let old = launch else { throw DAPError("launch first") }
    let (a, b) = (old.request, new.request)
    var changed: [String] = []
    if a.document != b.document { changed.append("program") }
    if a.workflow != b.workflow { changed.append("workflowId") }
    if a.servers != b.servers { changed.append("servers") }
    if a.sources != b.sources { changed.append("sources") }
    if a.root != b.root { changed.append("root") }
    if a.strict != b.strict { changed.append("strict") }
    if a.showSecrets != b.showSecrets { changed.append("showSecrets") }
    if a.maxSteps != b.maxSteps { changed.append("maxSteps") }
    if a.timeout != b.timeout { changed.append("timeout") }
    if a.deadline != b.deadline { changed.append("deadline") }
    if a.loopDelay != b.loopDelay { changed.append("loopDelay") }
    if a.checks != b.checks { changed.append("checks") }
    if old.replay != new.replay { changed.append("replay") }
    if old.record != new.record { changed.append("record") }
    guard changed.isEmpty else {
      throw DAPError(
        "restart takes new inputs only; \(changed.joined(separator: ", ")) changed: "
          + "stop the session and start it again")
    }
    let schema = engine.program.workflows[engine.run.workflowIndex].inputs
    let binding = InputBinder(schema: schema).bind(file: b.inputs ?? .object(JSONObject()))
    if let error = binding.errors.first { throw DAPError("restart: \(error)") }
    return binding.inputs
  }

  /// `terminate`: the run ends where it is (`exited` says 130, as an interrupted `arazzo run`
  /// exits, unless it had finished).
  func terminate(_ request: DAPRequest) async throws(DAPError) {
    guard engine != nil, phase != .idle else { throw DAPError("no run yet: send launch first") }
    interrupt.clearEnd()
    respond(request)
    if phase != .ended { ended(exitCode: 130) }
  }

  /// `disconnect`: the run ends, the recording is written, and the adapter exits.
  func disconnect(_ request: DAPRequest) async {
    interrupt.clearEnd()
    if engine != nil, phase == .active || phase == .configuring { ended(exitCode: 130) }
    await endSession()
    respond(request)
  }
}
