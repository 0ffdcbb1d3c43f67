import ArazzoJSON

/// Drives a run of the machine: the workflow's dependencies first (depth-first, once each;
/// docs/semantics.md#workflow-dependencies), then the workflow itself; a dependency that fails
/// fails the run.
///
/// One driver, two speeds. `runToEnd()` executes instructions back to back until the run has
/// ended (`arazzo run`: no more awaits than requests and waits need). `stepInstruction()`
/// executes exactly one, so a debugger can pause between any two; between two calls the
/// machine is either positioned at an instruction or finished with a `result`. The two can be
/// mixed: a stepped run can be finished at full speed.
public final class RunDriver {
  public let machine: Machine
  /// The workflow the run is for (its dependencies run before it).
  public let workflowIndex: Int
  private let inputs: JSONValue
  /// The workflows still to start, in order; the entry workflow is last.
  private var pending: [Int]
  /// The workflow started last (the entry, or the dependency running before it).
  private var running: Int
  /// The outcome, once the run has finished.
  public private(set) var result: RunResult?
  /// How many workflows the run has started at its root: its dependencies, then itself (a
  /// stepping command that leaves a workflow notices the next one starting by it).
  public private(set) var workflowsStarted = 0
  /// Stepped runs only: the entry workflow's frame (or that of the workflow a `goto` handed the
  /// run to) just before its `return` or `fail` ran, with its outputs; what `$steps` and `$outputs` read after the run.
  public private(set) var finalSnapshot: MachineSnapshot?

  /// Starts `workflow` (after its dependencies): the machine stops before the first instruction.
  public init(
    machine: Machine, workflow name: String, inputs: JSONValue
  ) throws(MachineControlError) {
    guard let index = machine.program.index(ofWorkflow: name) else {
      throw MachineControlError("no workflow '\(name)'")
    }
    self.machine = machine
    self.workflowIndex = index
    self.inputs = inputs
    self.pending = machine.dependencyOrder(index)
    self.running = index
    startNext()
  }

  public var isFinished: Bool { result != nil }

  /// Full speed: runs every workflow left to its end; the run's outcome.
  @discardableResult
  public func runToEnd() async -> RunResult {
    while true {
      if let result { return result }
      await machine.runToCompletion()
      workflowEnded()
    }
  }

  /// Stepped: executes one instruction; when a workflow finishes, starts the next one or ends
  /// the run.
  public func stepInstruction() async {
    guard result == nil else { return }
    // The entry's run (every dependency done): its root frame, or the workflow a `goto` handed
    // the run to, about to finish.
    if pending.isEmpty, machine.frames.count == 1, let frame = machine.frames.last {
      let code = machine.program.workflows[frame.workflow]
      if code.instructions.indices.contains(frame.pc) {
        switch code.instructions[frame.pc] {
        case .return, .fail: finalSnapshot = machine.snapshot(of: frame)
        default: break
        }
      }
    }
    await machine.stepInstruction()
    if machine.frames.isEmpty { workflowEnded() }
  }

  private func startNext() {
    let next = pending.removeFirst()
    running = next
    workflowsStarted += 1
    machine.start(workflow: next, inputs: inputs, continuation: .root, depth: 0)
  }

  /// The running workflow's stack is empty: start the next workflow, or end the run (a failed
  /// dependency ends it failed, without its outputs).
  private func workflowEnded() {
    let entry = machine.program.workflows[workflowIndex].workflowId
    if !pending.isEmpty {
      if machine.result?.succeeded == true {
        startNext()
        return
      }
      machine.result = (false, JSONObject(), nil)  // the dependency's outputs are not the run's
      result = machine.finish(
        workflowId: entry, error: machine.runError ?? machine.dependencyFailed(running))
      return
    }
    result = machine.finish(workflowId: entry, error: machine.runError)
    // Again, now that `$workflows` holds the entry workflow too.
    if let last = finalSnapshot { finalSnapshot = machine.snapshot(of: last.frame) }
    finalSnapshot?.workflowOutputs = result?.outputs
  }
}
