import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoSyntax

/// Where one invocation on the machine's stack stands.
public struct FramePosition: Sendable {
  /// The index of the workflow in `Program.workflows`, and its id.
  public var workflowIndex: Int
  public var workflowId: String
  public var pc: Int
  /// Sub-workflow nesting: 0 for the run's entry workflow (and its dependencies).
  public var depth: Int
  /// The step whose instructions include `pc` (nil at `return` and `fail`).
  public var stepId: String?
  /// The instruction at `pc`.
  public var instruction: Instruction
}

/// The request a step is about to send, built the way the machine will build it.
public struct RequestPreview: Sendable {
  public var stepId: String
  /// The request, or nil when it cannot be built (then `error` says why).
  public var request: HTTPRequest?
  /// The evaluated payload, when the step has a body.
  public var body: JSONValue?
  public var error: String?
}

/// The sub-workflow call a step is about to make, with its inputs evaluated now.
public struct CallPreview: Sendable {
  public var stepId: String
  /// The called workflow as written.
  public var workflow: String
  /// The inputs that evaluate; `error` names the first that does not (the step will fail).
  public var inputs: JSONObject
  public var error: String?
}

/// Why a debugger's change of course was refused.
public struct MachineControlError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The machine seen from a debugger: its stack, snapshots of the current frame, the request a
/// step is about to send, and changes of course (`:set`, `:goto`, `:retry`).
extension Machine {
  /// The invocations on the stack, the entry first; empty when nothing runs.
  public var stack: [FramePosition] { frames.compactMap(position(of:)) }

  /// The top frame's position: the instruction that executes next.
  public var position: FramePosition? { frames.last.flatMap(position(of:)) }

  func position(of frame: Frame) -> FramePosition? {
    let code = program.workflows[frame.workflow]
    guard code.instructions.indices.contains(frame.pc) else { return nil }
    return FramePosition(
      workflowIndex: frame.workflow, workflowId: code.workflowId, pc: frame.pc, depth: frame.depth,
      stepId: code.stepId(at: frame.pc), instruction: code.instructions[frame.pc])
  }

  /// How many invocations are on the stack (`:next` and `:finish` compare it).
  public var stackDepth: Int { frames.count }

  /// The top frame as a snapshot. Paused at a `step` instruction, it shows the step as it will
  /// be once entered (no request, no response yet), since that is the step the user looks at.
  public func snapshot() -> MachineSnapshot? {
    guard var frame = frames.last else { return nil }
    let code = program.workflows[frame.workflow]
    if code.instructions.indices.contains(frame.pc),
      case .step(let entry) = code.instructions[frame.pc]
    {
      if let previous = frame.steps[entry.stepId] {
        var fresh = StepRecord()
        fresh.outputs = previous.outputs
        frame.steps[entry.stepId] = fresh
      }
      frame.currentStep = entry.stepId
      frame.visits[entry.stepId, default: 0] += 1
    }
    return snapshot(of: frame)
  }

  /// The top frame exactly as it is (for the history kept after each step attempt).
  public func rawSnapshot() -> MachineSnapshot? {
    frames.last.map(snapshot(of:))
  }

  func snapshot(of frame: Frame) -> MachineSnapshot {
    MachineSnapshot(
      frame: frame, workflowId: program.workflows[frame.workflow].workflowId, completed: completed,
      sources: sources, components: components[frame.workflow])
  }

  // MARK: Changing course

  /// Sets `$inputs.<name>` of the current invocation. It is set even when the workflow's inputs
  /// schema disagrees (a debugger lets you try); the warnings say how it disagrees.
  @discardableResult
  public func setInput(name: String, value: JSONValue) throws(MachineControlError) -> [String] {
    guard !frames.isEmpty else { throw MachineControlError("the run has finished") }
    var inputs = top.inputs.objectValue ?? JSONObject()
    inputs[name] = value
    top.inputs = .object(inputs)
    let code = program.workflows[top.workflow]
    // A value set for a secret input is a secret like one given on the command line.
    learnSecrets(inputs: .object(JSONObject([(name, value)])), schema: code.inputs)
    guard let schema = code.inputs else { return [] }
    var warnings: [String] = []
    if let properties = schema["properties"]?.objectValue, properties[name] == nil {
      let known = properties.keys.joined(separator: ", ")
      warnings.append(
        "workflow '\(code.workflowId)' declares no input '\(name)' (its inputs: \(known))")
    }
    let binding = InputBinder(schema: schema, applyDefaults: false).bind(file: .object(inputs))
    return warnings + binding.errors.map(\.description)
  }

  /// Moves the current invocation to the start of step `stepId` (its `step` instruction).
  public func goto(stepId: String) throws(MachineControlError) {
    guard let frame = frames.last else { throw MachineControlError("the run has finished") }
    let code = program.workflows[frame.workflow]
    guard let pc = code.pc(ofStep: stepId) else {
      let ids = code.steps.map(\.id)
      let hint =
        EditDistance.suggestion(for: stepId, among: ids).map { "; did you mean '\($0)'?" } ?? ""
      throw MachineControlError(
        "workflow '\(code.workflowId)' has no step '\(stepId)'\(hint) (steps: \(ids.joined(separator: ", ")))"
      )
    }
    top.subroutine = nil
    top.pc = pc
  }

  /// Sends the current step's request (or calls its sub-workflow) again: the step at the pc
  /// once it has been entered, else the step that ran last in this invocation. The visit count
  /// stays; the new exchange replaces the old one. Returns the step's id.
  @discardableResult
  public func retryStep() throws(MachineControlError) -> String {
    guard let frame = frames.last else { throw MachineControlError("the run has finished") }
    let code = program.workflows[frame.workflow]
    var stepId = code.stepId(at: frame.pc)
    if let id = stepId, code.pc(ofStep: id) == frame.pc { stepId = frame.currentStep }
    guard let id = stepId ?? frame.currentStep, let pc = code.pc(ofStep: id) else {
      throw MachineControlError(
        "no step has started in workflow '\(code.workflowId)' yet: nothing to retry")
    }
    guard frame.steps[id] != nil else {
      throw MachineControlError("step '\(id)' has not started yet: nothing to retry")
    }
    top.subroutine = nil
    top.currentStep = id
    top.pc = pc + 1
    return id
  }

  // MARK: The request about to be sent

  /// The call of the step at the pc (paused at its `step` or `call` instruction), its
  /// arguments evaluated as `invoke` will evaluate them. Nil when the pc is not before a call.
  public func previewCall() -> CallPreview? {
    guard let frame = frames.last, let context = snapshot() else { return nil }
    let code = program.workflows[frame.workflow]
    var pc = frame.pc
    if code.instructions.indices.contains(pc), case .step = code.instructions[pc] { pc += 1 }
    guard code.instructions.indices.contains(pc), case .call(let call) = code.instructions[pc]
    else { return nil }
    let (inputs, failure) = Self.callInputs(call.arguments, in: context)
    var preview = CallPreview(stepId: call.stepId, workflow: call.target.reference, inputs: inputs)
    preview.error = failure?.message
    if call.target.index == nil {
      preview.error = "workflow '\(call.target.reference)' is not available"
    }
    return preview
  }

  /// The request of the step at the pc (paused at its `step` or `request` instruction), built
  /// as `send` will build it: the same parameter and body evaluation, the same `RequestBuilder`
  /// and server override. Nothing is sent. Nil when the pc is not before a request.
  public func previewRequest() -> RequestPreview? {
    guard let frame = frames.last, let context = snapshot() else { return nil }
    let code = program.workflows[frame.workflow]
    var pc = frame.pc
    if code.instructions.indices.contains(pc), case .step = code.instructions[pc] { pc += 1 }
    guard code.instructions.indices.contains(pc), case .request(let request) = code.instructions[pc]
    else { return nil }
    var preview = RequestPreview(stepId: request.stepId)
    guard case .resolved(let operation) = request.operation else {
      if case .unresolved(let reference, let reason) = request.operation {
        preview.error = "operation '\(reference)' is not available: \(reason)"
      }
      return preview
    }
    var exchange = Exchange()
    switch Self.evaluateArguments(of: request, in: context, into: &exchange) {
    case .failure(let f):
      preview.error = f.message
    case .success(let (parameters, body)):
      preview.body = body.map { $0.payload }
      do {
        let request = try Self.build(
          operation, parameters: parameters, body: body,
          serverOverride: options.serverOverrides[operation.source]
        ).request
        preview.request = request
        preview.body = body.map { Self.sentPayload($0, of: request) }
      } catch {
        preview.error = error.description
      }
    }
    return preview
  }
}
