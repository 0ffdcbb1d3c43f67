import ArazzoIR
import ArazzoJSON

extension Machine {
  /// [1.1] A step's `dependsOn`: every step named must have completed (a step of this workflow:
  /// run in this invocation; a step of another workflow: run in that workflow's latest
  /// invocation, which completed in this run).
  /// They are checked, never started. When one has not, the step fails without sending its
  /// request: the reason stands where a transport error would, and its failure actions apply.
  func checkDependencies(of entry: StepEntry) {
    for dependency in entry.dependsOn {
      let unmet: String?
      switch dependency {
      case .step(let id):
        unmet = top.steps[id] == nil ? "step '\(id)' has not run" : nil
      case .workflowStep(let ref, let stepId):
        if let index = ref.index {
          let workflowId = program.workflows[index].workflowId
          if let steps = completedSteps[workflowId] {
            unmet =
              steps.contains(stepId)
              ? nil : "step '\(stepId)' did not run in workflow '\(workflowId)'"
          } else {
            unmet = "workflow '\(workflowId)' has not completed"
          }
        } else {
          unmet = "workflow '\(ref.reference)' is not available"
        }
      }
      guard let unmet else { continue }
      let message = "step '\(entry.stepId)' depends on '\(dependency.text)': \(unmet)"
      top.steps[entry.stepId, default: StepRecord()].exchange = Exchange(
        error: message, code: .dependencyUnmet)
      emit(.requestFailed(stepId: entry.stepId, message: message))
      top.pc += 1  // past the request (or call) to the check, which fails the step
      return
    }
  }
}
