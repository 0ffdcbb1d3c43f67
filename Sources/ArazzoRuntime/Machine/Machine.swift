import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax
import Foundation

/// Executes a lowered `Program`: an explicit program counter per frame and a stack of frames
/// (sub-workflows, retry targets), talking to the world only through an `HTTPTransport` and a
/// sleep function.
///
/// A `RunDriver` drives it: to the end (`run`), or one instruction at a time
/// (`stepInstruction`), so a debugger can pause between any two.
public final class Machine {
  public let program: Program
  let transport: any HTTPTransport
  let options: RunOptions
  let sleep: @Sendable (Duration) async -> Void
  /// When the run must have ended (`options.deadline` from when the machine was made).
  let deadline: ContinuousClock.Instant?
  weak var observer: RunObserver?

  var frames: [Frame] = []
  /// Each workflow's instructions. Their operands are immutable objects, so executing one
  /// copies a reference, not the strings and arrays inside.
  let code: [[Instruction]]
  /// `$workflows.<id>`: the latest completed run of each workflow.
  var completed: [String: (inputs: JSONValue, outputs: JSONObject)] = [:]
  /// The steps that ran in each workflow's latest completed invocation (for [1.1] `dependsOn`
  /// naming another workflow's step).
  var completedSteps: [String: Set<String>] = [:]
  /// `$sourceDescriptions.<name>` fields (`name`, `url`, `type`).
  let sources: [String: JSONObject]
  /// `$components`: each workflow's document's components, by workflow index.
  let components: [JSONObject]
  /// Where secrets found at run time are learned; nil when `options.secrets` is.
  let secretWatch: SecretWatch?
  var totalSteps = 0
  var attempts: [StepAttempt] = []
  var warnings: [Diagnostic] = []
  var runError: Diagnostic?
  /// Where the latest step that failed checks its outcome: where a failed workflow points.
  var lastFailure: SourceSpan?
  var result: (succeeded: Bool, outputs: JSONObject, endedBy: String?)?
  /// The last request each `request` instruction built, and the last body it parsed.
  var cache = RequestCache()
  /// Checks exchanges against their operations' descriptions; nil when every check is off.
  let contractChecker: ContractChecker?
  /// A debugger's "pause now" (Ctrl-C, the editor's Pause), polled while a loop delay or a
  /// retry's delay runs: when it says yes, the instruction ends unfinished, the rest of the
  /// wait kept in `pendingWait`, and executing it again waits that rest. Nil at full speed.
  public var pauseRequested: (() -> Bool)?
  /// A wait a pause cut short, for the instruction at this frame depth and pc.
  var pendingWait: (depth: Int, pc: Int, wait: PendingWait)?
  /// Whether a pause cut the current instruction's wait short (a `request`'s loop delay, a
  /// `dispatch`'s retry delay): running it again waits the rest, then goes on.
  public var isPausedInWait: Bool { pendingWait != nil }
  /// Which wait a pause cut short, for where the machine stands (nil: none).
  public var pausedWait: PausedWait? {
    switch pendingWait?.wait {
    case .loopDelay?: return .loopDelay
    case .retry?: return .retryDelay
    case nil: return nil
    }
  }

  /// A wait a debugger's pause can cut short.
  public enum PausedWait: Sendable { case loopDelay, retryDelay }

  public init(
    program: Program, transport: any HTTPTransport, options: RunOptions = RunOptions(),
    sources: [String: JSONObject] = [:], observer: RunObserver? = nil,
    sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
  ) {
    self.program = program
    code = program.workflows.map(\.instructions)
    self.transport = transport
    self.options = options
    self.sources = sources
    self.components = program.workflows.indices.map { program.components(ofWorkflow: $0) }
    self.secretWatch = options.secrets.map { SecretWatch(program: program, store: $0) }
    self.observer = observer
    self.sleep = sleep
    deadline = options.deadline
    contractChecker = options.checks.isOff ? nil : ContractChecker(options.checks)
  }

  // MARK: Running

  /// Runs workflow `name` (its dependencies first, depth-first, once each) to the end: a
  /// `RunDriver` at full speed (docs/semantics.md#workflow-dependencies).
  public func run(workflow name: String, inputs: JSONValue) async -> RunResult {
    do {
      return try await RunDriver(machine: self, workflow: name, inputs: inputs).runToEnd()
    } catch {
      return RunResult(
        workflowId: name, status: .failed, outputs: JSONObject(), steps: [], warnings: [],
        error: Diagnostic(.unknownWorkflow, error.message, at: nil))
    }
  }

  /// Workflow `index` after its dependencies, depth-first, each once
  /// (docs/semantics.md#workflow-dependencies). Iterative: a document's dependsOn chain can be as
  /// long as it has workflows.
  public func dependencyOrder(_ index: Int) -> [Int] {
    var done = Set<Int>()
    var order: [Int] = []
    var visiting: Set<Int> = [index]
    // Each entry: a workflow and how many of its dependsOn entries have been looked at.
    var stack: [(workflow: Int, next: Int)] = [(index, 0)]
    while let top = stack.last {
      let dependsOn = program.workflows[top.workflow].dependsOn
      if top.next < dependsOn.count {
        stack[stack.count - 1].next += 1
        if let d = dependsOn[top.next].index, !done.contains(d), !visiting.contains(d) {
          visiting.insert(d)
          stack.append((d, 0))
        }
      } else {
        stack.removeLast()
        visiting.remove(top.workflow)
        done.insert(top.workflow)
        order.append(top.workflow)
      }
    }
    return order
  }

  func finish(workflowId: String, error: Diagnostic?) -> RunResult {
    let succeeded = result?.succeeded == true && error == nil
    return RunResult(
      workflowId: workflowId, status: succeeded ? .succeeded : .failed,
      outputs: result?.outputs ?? JSONObject(), steps: attempts, warnings: warnings,
      error: succeeded
        ? nil : (error ?? Diagnostic(.workflowFailed, "the workflow failed", at: lastFailure)),
      endedBy: result?.endedBy)
  }

  /// The run's error when dependency `index` (a workflow the entry depends on) failed.
  func dependencyFailed(_ index: Int) -> Diagnostic {
    let code = program.workflows[index]
    return Diagnostic(
      .workflowDependencyFailed, "dependency '\(code.workflowId)' failed",
      at: code.instructions.first?.span)
  }

  /// Pushes a frame for workflow `index` with `inputs` (schema defaults applied).
  func start(workflow index: Int, inputs: JSONValue, continuation: Continuation, depth: Int) {
    let code = program.workflows[index]
    var bound = inputs
    if let schema = code.inputs {
      let binding = InputBinder(schema: schema).bind(file: inputs)
      bound = binding.inputs
      for error in binding.errors {
        warn(.inputMismatch, "inputs of workflow '\(code.workflowId)': \(error)")
      }
    }
    learnSecrets(inputs: bound, schema: code.inputs)
    frames.append(Frame(workflow: index, inputs: bound, continuation: continuation, depth: depth))
    emit(.workflowStarted(workflowId: code.workflowId, depth: depth))
  }

  /// Executes instructions until the stack is empty.
  func runToCompletion() async {
    while let wait = runUntilWait() {
      switch wait {
      case .request(let request): await send(request)
      case .retry(let retry): await perform(retry)
      }
      if Task.isCancelled, !frames.isEmpty { abort(.interrupted, Self.interrupted) }
    }
  }

  /// Executes the instruction at the top frame's pc (a wait a pause cut short there goes on).
  public func stepInstruction() async {
    guard let instruction = currentInstruction() else { return }
    let resumed = pendingWait.flatMap {
      $0.depth == frames.count && $0.pc == top.pc ? $0.wait : nil
    }
    pendingWait = nil
    switch instruction {
    case .request(let request):
      if case .loopDelay(let rest)? = resumed {
        await send(request, loopDelay: rest)
      } else {
        await send(request)
      }
    case .dispatch(let dispatch):
      if case .retry(let retry)? = resumed {
        await perform(retry)
      } else if let retry = choose(dispatch) {
        await perform(retry)
      }
    default: execute(instruction)
    }
  }

  /// What an instruction waits for: the network, or a retry's delay.
  enum Wait {
    case request(Request)
    case retry(PendingRetry)
  }

  /// Executes instructions back to back until the stack is empty (nil) or one has to wait:
  /// most instructions never wait, and calling each through `await` would cost more than
  /// executing some of them.
  func runUntilWait() -> Wait? {
    while let instruction = currentInstruction() {
      switch instruction {
      case .request(let request): return .request(request)
      case .dispatch(let dispatch):
        if let retry = choose(dispatch) { return .retry(retry) }
      default: execute(instruction)
      }
    }
    return nil
  }

  /// The instruction at the top frame's pc; nil when the stack is empty (or the pc is out of
  /// range, which aborts the run).
  func currentInstruction() -> Instruction? {
    guard !frames.isEmpty else { return nil }
    let (workflow, pc) = (top.workflow, top.pc)
    guard code[workflow].indices.contains(pc) else {
      abort(
        .internalError,
        "internal error: pc \(pc) outside workflow '\(program.workflows[workflow].workflowId)'")
      return nil
    }
    return code[workflow][pc]
  }

  /// Executes an instruction that never waits (all but `request` and `dispatch`).
  func execute(_ instruction: Instruction) {
    switch instruction {
    case .step(let entry): enter(entry)
    case .call(let call): invoke(call)
    case .check(let check): evaluate(check)
    case .outputs(let outputs): record(outputs)
    case .return(let r): complete(outputs: r.outputs, succeeded: true)
    case .fail(let f): complete(outputs: f.outputs, succeeded: false)
    case .request, .dispatch:
      abort(
        .internalError, "internal error: \(instruction.mnemonic) executed as if it never waits")
    }
  }

  // MARK: Helpers

  /// The running frame, read and modified in place: a plain getter would copy the whole frame
  /// (a retain per field) to read one field, and a get-modify-set would copy its dictionaries.
  var top: Frame {
    _read { yield frames[frames.count - 1] }
    _modify { yield &frames[frames.count - 1] }
  }

  var context: FrameContext {
    FrameContext(
      frame: top, workflows: completed, sources: sources, components: components[top.workflow],
      deadline: options.deadline)
  }

  /// Reports an event; it is not even built when nobody listens (`--format json`).
  func emit(_ event: @autoclosure () -> RunEvent) {
    if let observer { observer.handle(event()) }
  }

  /// Where the running instruction comes from in the document (nil when no frame runs).
  var location: SourceSpan? {
    guard let frame = frames.last, code[frame.workflow].indices.contains(frame.pc) else {
      return nil
    }
    return code[frame.workflow][frame.pc].span
  }

  /// Warns, at the running instruction's location unless `span` says where.
  func warn(_ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil) {
    warn(Diagnostic(code, .warning, message, at: span ?? location))
  }

  func warn(_ diagnostic: Diagnostic) {
    warnings.append(diagnostic)
    emit(.warning(diagnostic))
  }

  /// Stops the whole run with an error (every frame fails), located at the running
  /// instruction unless `span` says where.
  func abort(_ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil) {
    runError = Diagnostic(code, .error, message, at: span ?? location)
    result = (false, JSONObject(), nil)
    frames.removeAll()
  }

  // MARK: Instructions

  func enter(_ entry: StepEntry) {
    totalSteps += 1
    if totalSteps > options.maxSteps {
      let visits = (top.visits[entry.stepId] ?? 0)
      var message =
        "the run exceeded --max-steps (\(options.maxSteps)) entering step '\(entry.stepId)' (entered \(visits) times); a goto loop that never ends?"
      if let hint = loopHint() { message += " " + hint }
      abort(.maxSteps, message, at: entry.span)
      return
    }
    let visit = (top.visits[entry.stepId] ?? 0) + 1
    top.visits[entry.stepId] = visit
    // A re-entered step keeps its previous outputs until it records new ones, so a polling or
    // paging step can send what its last visit returned (`$steps.<self>.outputs.next`).
    top.steps[entry.stepId, default: StepRecord()].restart()
    if !top.retries.isEmpty {
      top.retries = top.retries.filter { $0.key.stepId != entry.stepId }
    }
    top.currentStep = entry.stepId
    top.pc += 1
    emit(.stepStarted(stepId: entry.stepId, visit: visit, depth: top.depth))
    if !entry.dependsOn.isEmpty { checkDependencies(of: entry) }
  }

  /// The arguments that evaluate, by name (for goto and retry targets, whose missing inputs
  /// the target's own input schema reports).
  func bestEffortInputs(_ arguments: [ParameterBinding]) -> JSONObject {
    var inputs = JSONObject()
    let context = context
    for argument in arguments {
      if case .value(let v) = argument.value.evaluate(in: context) { inputs[argument.name] = v }
    }
    return inputs
  }

  func evaluate(_ check: Check) {
    let stepId = check.stepId
    var reasons: [String] = []
    var succeeded: Bool
    // A cause that fails the step before any criterion is read (said once; the criteria it
    // defeats are then only listed).
    var cause: String?
    var failure: DiagnosticCode?
    if let childSucceeded = top.steps[stepId]?.childSucceeded {
      succeeded = childSucceeded
      if !childSucceeded {
        cause = "the sub-workflow failed"
        failure = top.steps[stepId]?.exchange?.errorCode ?? .subWorkflowFailed
      }
    } else if let exchange = top.steps[stepId]?.exchange, !exchange.hasResponse {
      succeeded = false
      cause = exchange.error ?? "no response"
      failure = exchange.errorCode
    } else {
      succeeded = true
    }
    if let cause { reasons.append(cause) }
    if succeeded || check.criteria.isEmpty == false {
      let context = context
      var unmet: [String] = []
      for criterion in check.criteria {
        let outcome = criterion.evaluate(in: context)
        if !outcome.passed {
          succeeded = false
          let condition = criterion.criterion.condition
          if cause != nil {
            unmet.append(condition)
          } else {
            reasons.append("\(condition): \(outcome.reason ?? "false")")
          }
        }
      }
      if !unmet.isEmpty { reasons.append("not met: " + unmet.joined(separator: ", ")) }
    }
    top.succeeded = succeeded
    top.steps[stepId, default: StepRecord()].reasons = reasons
    if succeeded {
      top.steps[stepId, default: StepRecord()].failure = nil
    } else {
      let span = check.span
      top.steps[stepId, default: StepRecord()].failure = Diagnostic(
        failure ?? .criterionFailed, .error,
        "step '\(stepId)' failed: " + reasons.joined(separator: "; "),
        at: span)
      lastFailure = span
    }
    top.pc += 1
    emit(.checked(stepId: stepId, succeeded: succeeded, reasons: reasons))
  }

  func record(_ outputs: StepOutputs) {
    var values = JSONObject()
    // Outputs that are null, grouped by why (in order), so one cause is said once.
    var nulls: [(why: String, names: [String])] = []
    do {  // the context ends before the record is written (else the write copies the steps)
      let outputsContext = context
      // Without a response every output that reads it is null for that one reason, which the
      // step's line has said already.
      let noResponse = top.steps[outputs.stepId]?.exchange.map { !$0.hasResponse } ?? false
      for output in outputs.outputs {
        switch resolve(output, in: outputsContext) {
        case .success(let v): values[output.name] = v
        case .failure(let f):
          let name = output.name
          let why = noResponse ? "the step got no response" : f.message
          if let i = nulls.firstIndex(where: { $0.why == why }) {
            nulls[i].names.append(name)
          } else {
            nulls.append((why, [name]))
          }
          values[name] = .null
        }
      }
    }
    let held = nulls.map { group in
      let names = group.names.map { "'\($0)'" }.joined(separator: ", ")
      return Diagnostic(
        .outputNull,
        group.names.count == 1
          ? "output \(names) of step '\(outputs.stepId)' is null: \(group.why)"
          : "outputs \(names) of step '\(outputs.stepId)' are null: \(group.why)",
        at: outputs.span)
    }
    // Held until dispatch: an attempt that is retried does not warn (Machine+Dispatch).
    if !held.isEmpty { top.heldWarnings.append(contentsOf: held) }
    learnSecrets(outputs: values)
    top.steps[outputs.stepId, default: StepRecord()].outputs = values
    top.pc += 1
  }

  func resolve(
    _ output: OutputBinding, in context: FrameContext
  ) -> Result<JSONValue, MachineFailure> {
    switch output.value {
    case .constant(let v): return .success(v)
    case .expression(let e):
      switch e.evaluate(in: context) {
      case .value(let v): return .success(v)
      case .missing(let reason): return .failure(MachineFailure(reason))
      }
    case .selector(let contextExpression, let query):
      guard case .value(let root) = contextExpression.evaluate(in: context) else {
        return .failure(MachineFailure("\(contextExpression.text) has no value"))
      }
      switch query {
      case .jsonpointer(let pointer):
        return pointer.value(in: root).map { .success($0) }
          ?? .failure(MachineFailure("nothing at \(pointer)"))
      case .jsonpath(let path, _):
        do {
          let values = try path.values(root, deadline: options.deadline)
          return .success(values.count == 1 ? values[0] : .array(values))
        } catch {
          return .failure(MachineFailure(error.message))
        }
      case .xpath(let selector):
        return Self.select(selector, in: root)
      case .invalid(let text):
        return .failure(MachineFailure("selector '\(text)' did not compile"))
      }
    }
  }

  func complete(outputs bindings: [OutputBinding], succeeded: Bool) {
    let code = program.workflows[top.workflow]
    var outputs = JSONObject()
    var ok = succeeded
    let context = context
    for binding in bindings {
      switch resolve(binding, in: context) {
      case .success(let v): outputs[binding.name] = v
      case .failure(let f):
        if options.strict && succeeded {
          runError = Diagnostic(
            .outputNull, .error,
            "output '\(binding.name)' of workflow '\(code.workflowId)': \(f.message)",
            at: binding.span)
          ok = false
        }
        warn(
          .outputNull,
          "output '\(binding.name)' of workflow '\(code.workflowId)' is null: \(f.message)",
          at: binding.span)
        outputs[binding.name] = .null
      }
    }
    learnSecrets(outputs: outputs)
    let frame = frames.removeLast()
    completed[code.workflowId] = (frame.inputs, outputs)
    completedSteps[code.workflowId] = Set(frame.steps.keys)
    emit(
      .workflowFinished(
        workflowId: code.workflowId, succeeded: ok, outputs: outputs, depth: frame.depth))
    switch frame.continuation {
    case .root:
      result = (ok, outputs, frame.endedBy)
    case .call(let stepId, let resume):
      guard !frames.isEmpty else { return }
      top.steps[stepId, default: StepRecord()].childOutputs = outputs
      top.steps[stepId, default: StepRecord()].childSucceeded = ok
      top.pc = resume
    case .retryTarget(_, let resume, let failPC):
      guard !frames.isEmpty else { return }
      top.pc = ok ? resume : failPC
    }
  }
}

/// Why a value could not be computed.
struct MachineFailure: Error, Sendable {
  var message: String
  init(_ message: String) { self.message = message }
}
