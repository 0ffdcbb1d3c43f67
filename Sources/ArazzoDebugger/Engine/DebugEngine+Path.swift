/// The way the current workflow invocation has come so far (`:graph` draws it over the graph).
public struct InvocationPath: Sendable {
  /// The invocation's workflow (index into `Program.workflows`).
  public var workflowIndex: Int
  /// The step the run stands at in it; nil at `return`/`fail` or once the run has finished.
  public var currentStep: String?
  /// The current step's visit, counting the one about to start (1 = first).
  public var currentVisit: Int
  /// The invocation's completed step attempts, oldest first (of its sub-workflows: none).
  public var attempts: [HistoryEntry]
}

extension DebugEngine {
  /// The present invocation's path: the top frame's workflow (the run's own once finished) and
  /// its attempts, read from the history. Walking back from the latest attempt, deeper attempts
  /// (its sub-workflows) are skipped, and the first attempt of another workflow at this depth,
  /// or of a caller, is where the invocation began.
  public var currentPath: InvocationPath {
    let workflowIndex = position?.workflowIndex ?? run.workflowIndex
    let depth = position?.depth ?? 0
    var attempts: [HistoryEntry] = []
    for entry in history.reversed() {
      if entry.depth > depth { continue }
      guard entry.depth == depth, entry.snapshot.workflowIndex == workflowIndex else { break }
      attempts.append(entry)
    }
    let step = position?.stepId
    return InvocationPath(
      workflowIndex: workflowIndex, currentStep: step,
      currentVisit: step == nil ? 0 : presentContext?.visit ?? 0, attempts: attempts.reversed())
  }
}
