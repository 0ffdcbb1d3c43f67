import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Everything the engine needs to start (and restart) a run.
public struct DebugConfiguration {
  public var program: Program
  /// The program name of the workflow to run.
  public var workflow: String
  /// The bound inputs (schema defaults applied).
  public var inputs: JSONValue
  public var options: RunOptions
  /// `$sourceDescriptions.<name>.<field>` values.
  public var sources: [String: JSONObject]
  /// Makes the transport for one run: a fresh one per run, so a replay starts over.
  public var makeTransport: () throws -> any HTTPTransport
  /// Redacts what `:save` writes (as `--record` does).
  public var redactor: Redactor
  /// How the machine waits (retry delays, `--loop-delay`); tests pass one that does not.
  public var sleep: @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }

  public init(
    program: Program, workflow: String, inputs: JSONValue, options: RunOptions = RunOptions(),
    sources: [String: JSONObject] = [:], redactor: Redactor = Redactor(),
    makeTransport: @escaping () throws -> any HTTPTransport
  ) {
    self.program = program
    self.workflow = workflow
    self.inputs = inputs
    self.options = options
    self.sources = sources
    self.redactor = redactor
    self.makeTransport = makeTransport
  }

  /// The run `plan` set up (as `arazzo debug` starts it).
  public init(plan: RunPlan, makeTransport: @escaping () throws -> any HTTPTransport) {
    self.init(
      program: plan.program, workflow: plan.workflow.name, inputs: plan.inputs,
      options: plan.options, sources: plan.sources, redactor: plan.redactor,
      makeTransport: makeTransport)
  }
}

/// How far a resuming command runs.
public enum StepMode: String, Sendable, CaseIterable {
  /// To the next pause point, into sub-workflows.
  case step
  /// To the next pause point in this workflow or a caller: a sub-workflow call runs to its return.
  case next
  /// Until the current workflow returns (then to the caller's next pause point).
  case finish
  /// One IR instruction.
  case stepi
  /// To a breakpoint, an interrupt or the end.
  case `continue`
}

/// Why the engine stopped running.
public enum PauseReason: Sendable, Equatable {
  /// The pause point the command asked for.
  case stepped
  /// Breakpoint `number` stopped the run.
  case breakpoint(Int)
  /// Ctrl-C (the line source's interrupt) during a run.
  case interrupted
  /// A failure the user asked to stop at (`DebugEngine.exceptionFilters`).
  case exception(ExceptionFilter)
  /// The run is over (see `result`).
  case finished
}

/// The failures the engine can stop at, when asked to (a front end's exception breakpoints).
public enum ExceptionFilter: String, Sendable, CaseIterable {
  /// A step failed, for any reason (a criterion, no response, a request that could not be
  /// built): the run stops after its criteria, before its outputs and actions.
  case stepFailed
  /// One of a step's success criteria does not hold: the run stops there too.
  case criterionFailed
  /// A workflow (the entry or a sub-workflow) is about to fail: before its `fail`.
  case workflowFailed
}

/// The kinds of pause point, by the instruction the machine stops before.
public enum PausePoint: String, Sendable {
  /// Before a step starts (its `step` instruction): its request has not been built yet.
  case beforeStep
  /// After the response (before `check`).
  case afterResponse
  /// After the success criteria (before `outputs`).
  case afterCriteria
  /// Before the action is chosen (before `dispatch`).
  case beforeAction

  /// The pause point at `instruction`, or nil when the machine runs through it.
  public init?(_ instruction: Instruction) {
    switch instruction {
    case .step: self = .beforeStep
    case .check: self = .afterResponse
    case .outputs: self = .afterCriteria
    case .dispatch: self = .beforeAction
    case .request, .call, .return, .fail: return nil
    }
  }
}

/// One completed step attempt, with the frame as the attempt left it (`:history`, `:back`).
public struct HistoryEntry: Sendable {
  /// 1-based, in the order the attempts completed.
  public var number: Int
  public var workflowId: String
  public var stepId: String
  public var visit: Int
  public var depth: Int
  public var statusCode: Int?
  public var succeeded: Bool
  /// The action that matched (nil: the outcome's default) and what it did.
  public var action: String?
  public var effect: Effect
  public var snapshot: MachineSnapshot
}

/// A watched expression, evaluated and shown at each pause.
public struct Watch: Sendable {
  public var number: Int
  public var text: String
  public var expression: Evaluable
}

/// Forwards the machine's events to the engine (the machine holds its observer weakly).
final class EventRelay: RunObserver {
  var handler: ((RunEvent) -> Void)?
  func handle(_ event: RunEvent) { handler?(event) }
}

/// The debugger's engine: it runs the machine instruction by instruction and decides where to
/// pause (pdb's `bdb`); the shell only reads commands and prints. It keeps the breakpoints,
/// watches and a snapshot of every completed step attempt, and can change the run's course.
public final class DebugEngine {
  public let configuration: DebugConfiguration
  public private(set) var run: RunDriver
  public var machine: Machine { run.machine }
  public var program: Program { configuration.program }
  public var breakpoints = BreakpointTable()
  public private(set) var watches: [Watch] = []
  private var nextWatch = 1
  public private(set) var history: [HistoryEntry] = []
  /// The history entry being inspected (`:back`, `:frame`); nil: the present.
  public private(set) var selected: Int?
  /// The inputs the current run started with (`:restart` changes them).
  public private(set) var inputs: JSONValue
  /// Which run of the session this is (1, then 2 after a `:restart`, …).
  public private(set) var runNumber = 1
  /// Called with each of the machine's events as it happens (the shell prints a trace).
  public var onEvent: ((RunEvent) -> Void)?
  /// The failures that stop the run (none by default).
  public var exceptionFilters: Set<ExceptionFilter> = []
  /// Called when a log point is hit, with the context to evaluate its message in; the run
  /// goes on.
  public var onLogPoint: ((Breakpoint, MachineSnapshot) -> Void)?

  private let relay: EventRelay
  private var transport: any HTTPTransport
  private var recorder: RecordingTransport
  /// The exchanges of earlier runs of this session (`:save` writes them all).
  private var earlierExchanges: [HAREntry] = []

  /// Starts the run: paused before its first instruction.
  public init(_ configuration: DebugConfiguration) throws {
    self.configuration = configuration
    self.inputs = configuration.inputs
    let relay = EventRelay()
    let (transport, recorder) = try Self.transport(configuration)
    self.relay = relay
    self.transport = transport
    self.recorder = recorder
    self.run = try Self.start(
      configuration, inputs: configuration.inputs, transport: transport, relay: relay)
    relay.handler = { [weak self] event in self?.handle(event) }
  }

  /// Recording (for `:save`) under redirects, over a fresh base transport.
  private static func transport(
    _ configuration: DebugConfiguration
  ) throws
    -> (any HTTPTransport, RecordingTransport)
  {
    let recorder = RecordingTransport(
      try configuration.makeTransport(), path: nil, redactor: configuration.redactor)
    return (RedirectingTransport(recorder, maxRedirects: 5), recorder)
  }

  private static func start(
    _ configuration: DebugConfiguration, inputs: JSONValue, transport: any HTTPTransport,
    relay: EventRelay
  ) throws -> RunDriver {
    let machine = Machine(
      program: configuration.program, transport: transport, options: configuration.options,
      sources: configuration.sources, observer: relay, sleep: configuration.sleep)
    return try RunDriver(machine: machine, workflow: configuration.workflow, inputs: inputs)
  }

  // MARK: Where the run is

  public var isFinished: Bool { run.isFinished }
  public var result: RunResult? { run.result }

  /// The top frame's position (nil once finished).
  public var position: FramePosition? { machine.position }

  /// The pause point the machine stands at, if it stands at one.
  public var pausePoint: PausePoint? { position.flatMap { PausePoint($0.instruction) } }

  /// What inspection reads: the selected history entry, else the present (the final frame
  /// once the run has finished).
  public var context: MachineSnapshot? {
    if let selected { return history[selected].snapshot }
    return machine.snapshot() ?? run.finalSnapshot
  }

  /// The present, whatever is selected.
  public var presentContext: MachineSnapshot? { machine.snapshot() ?? run.finalSnapshot }

  // MARK: Running

  /// Runs until the pause point `mode` asks for, a breakpoint, an interrupt or the end.
  /// `interrupted` is polled between instructions (Ctrl-C while running). Returns to the
  /// present first.
  public func resume(
    _ mode: StepMode, interrupted: @escaping () -> Bool = { false }
  ) async -> PauseReason {
    selected = nil
    guard !run.isFinished else { return .finished }
    // Asked once, remembered: a loop delay polls it too (and ends its instruction unfinished,
    // to wait the rest when the run goes on), and the loop below must still see it.
    let pause = PauseLatch(interrupted)
    machine.pauseRequested = { pause.isSet }
    defer { machine.pauseRequested = nil }
    let depth = machine.stackDepth
    // A dependency's run ending and the next workflow starting leaves the workflow too.
    let started = run.workflowsStarted
    while true {
      await run.stepInstruction()
      if run.isFinished { return .finished }
      if mode == .stepi { return .stepped }
      guard let position else { return .finished }
      // A pause cut a wait short: the instruction has not finished, nothing else to check.
      if machine.isPausedInWait { return .interrupted }
      let stop = PausePoint(position.instruction) != nil
      if let breakpoint = breakpointHere() { return .breakpoint(breakpoint.number) }
      if let failure = exception(at: position) { return .exception(failure) }
      if pause.isSet { return .interrupted }
      switch mode {
      case .step: if stop { return .stepped }
      case .next: if stop && machine.stackDepth <= depth { return .stepped }
      case .finish:
        if stop && (machine.stackDepth < depth || run.workflowsStarted != started) {
          return .stepped
        }
      case .continue, .stepi: break
      }
    }
  }

  /// The breakpoint that stops the run where it stands, counting the hit and logging the log
  /// points there (`onLogPoint`), as `resume` checks after each instruction. A front end that
  /// runs from the start without pausing there checks the start with it (no instruction has
  /// run to get there).
  public func breakpointHere() -> Breakpoint? {
    guard let position else { return nil }
    var logged: [Breakpoint] = []
    let breakpoint = breakpoints.hit(
      workflow: position.workflowIndex, pc: position.pc, instruction: position.instruction,
      context: machine.snapshot(), logged: &logged)
    if !logged.isEmpty, let snapshot = machine.snapshot() {
      for point in logged { onLogPoint?(point, snapshot) }
    }
    return breakpoint
  }

  /// The exception filter that stops the run at `position`, if one is on and applies.
  private func exception(at position: FramePosition) -> ExceptionFilter? {
    guard !exceptionFilters.isEmpty else { return nil }
    switch position.instruction {
    case .fail: return exceptionFilters.contains(.workflowFailed) ? .workflowFailed : nil
    case .outputs:
      guard let snapshot = machine.snapshot(), !snapshot.succeeded else { return nil }
      let code = program.workflows[position.workflowIndex]
      if exceptionFilters.contains(.criterionFailed), position.pc > 0,
        case .check(let check) = code.instructions[position.pc - 1],
        check.criteria.contains(where: { !$0.evaluate(in: snapshot).passed })
      {
        return .criterionFailed
      }
      return exceptionFilters.contains(.stepFailed) ? .stepFailed : nil
    default: return nil
    }
  }

  private func handle(_ event: RunEvent) {
    if case .actionTaken(let stepId, let action, let effect) = event,
      let snapshot = machine.rawSnapshot()
    {
      let exchange = snapshot.exchange
      history.append(
        HistoryEntry(
          number: history.count + 1, workflowId: snapshot.workflowId, stepId: stepId,
          visit: snapshot.visit, depth: snapshot.depth, statusCode: exchange?.response?.status,
          succeeded: snapshot.succeeded, action: action, effect: effect, snapshot: snapshot))
    }
    onEvent?(event)
  }

  // MARK: Time travel

  /// Selects the attempt before the one in view: from the present, the latest completed
  /// attempt; from a selected attempt #N, #N-1. Repeating it walks the history backwards.
  public func back() throws(MachineControlError) -> HistoryEntry {
    guard !history.isEmpty else { throw MachineControlError("no step attempt has completed yet") }
    let index = selected.map { $0 - 1 } ?? history.count - 1
    guard index >= 0 else {
      throw MachineControlError("already at the first attempt, #1")
    }
    selected = index
    return history[index]
  }

  /// Selects history entry `number` (as `:history` lists it).
  public func frame(_ number: Int) throws(MachineControlError) -> HistoryEntry {
    guard !history.isEmpty else { throw MachineControlError("no step attempt has completed yet") }
    guard number >= 1, number <= history.count else {
      throw MachineControlError("no attempt #\(number)")
    }
    selected = number - 1
    return history[number - 1]
  }

  /// The selected history entry, when inspecting the past.
  public var selectedEntry: HistoryEntry? { selected.map { history[$0] } }

  /// Back to the present (any stepping command does this too).
  public func returnToPresent() { selected = nil }

  // MARK: Watches

  /// Adds a watch; the expression is parsed now, once.
  public func watch(_ text: String) throws(Diagnostic) -> Watch {
    let watch = Watch(number: nextWatch, text: text, expression: try Evaluable.parse(text))
    nextWatch += 1
    watches.append(watch)
    return watch
  }

  /// Removes watch `number`; false when there is none.
  public func unwatch(_ number: Int) -> Bool {
    guard let i = watches.firstIndex(where: { $0.number == number }) else { return false }
    watches.remove(at: i)
    return true
  }

  public func unwatchAll() { watches.removeAll() }

  // MARK: Changing course

  /// `:set $inputs.NAME = VALUE` in the present.
  /// The warnings say how the new value disagrees with the workflow's inputs schema.
  @discardableResult
  public func setInput(name: String, value: JSONValue) throws(MachineControlError) -> [String] {
    selected = nil
    return try machine.setInput(name: name, value: value)
  }

  /// `:goto STEP`: the current workflow continues at the start of `stepId`.
  public func goto(stepId: String) throws(MachineControlError) {
    selected = nil
    try machine.goto(stepId: stepId)
  }

  /// `:retry`: the current step's request is sent again by the next stepping command.
  @discardableResult
  public func retry() throws(MachineControlError) -> String {
    selected = nil
    return try machine.retryStep()
  }

  /// `:restart`: a fresh machine and a fresh transport (a replay starts over), paused before
  /// the first instruction. Breakpoints and watches stay; the history starts afresh.
  public func restart(inputs newInputs: JSONValue? = nil) async throws {
    earlierExchanges += recorder.log.entries
    await transport.shutdown()
    let (transport, recorder) = try Self.transport(configuration)
    self.transport = transport
    self.recorder = recorder
    if let newInputs { inputs = newInputs }
    run = try Self.start(configuration, inputs: inputs, transport: transport, relay: relay)
    history = []
    selected = nil
    breakpoints.resetHits()
    runNumber += 1
  }

  /// Every exchange of the session so far (all runs), redacted as `--record` writes them.
  public var exchanges: HARLog { HARLog(entries: earlierExchanges + recorder.log.entries) }

  /// `:save FILE.har`: writes the session's exchanges.
  public func save(to path: String) throws(HARError) -> Int {
    let log = exchanges
    try log.write(path: path)
    return log.entries.count
  }

  /// Closes the transport (at `:quit`).
  public func shutdown() async {
    await transport.shutdown()
  }
}

/// A pause request that stays set once seen (`LineSource.takeInterrupt` forgets it when read).
private final class PauseLatch {
  private let ask: () -> Bool
  private var seen = false
  init(_ ask: @escaping () -> Bool) { self.ask = ask }
  var isSet: Bool {
    if !seen { seen = ask() }
    return seen
  }
}
