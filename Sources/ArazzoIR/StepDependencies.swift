import ArazzoSyntax
import Foundation

/// [1.1] The step fields that order and bound a step: `dependsOn` and `timeout`.
extension LoweringSession {
  /// A step's `dependsOn` entries resolved: a step of this workflow by its stepId, a step of
  /// another workflow as `$workflows.<id>.steps.<step>` (this document) or
  /// `$sourceDescriptions.<name>.<id>.steps.<step>` (another Arazzo document). An entry that
  /// names no step is an error; one whose source was not loaded resolves to an unresolved
  /// workflow, which never completes.
  func dependencies(of step: Step, in workflow: Workflow, scope: Scope) -> [StepDependency] {
    let stepId = step.stepId.value
    var result: [StepDependency] = []
    for entry in step.dependsOn {
      let text = entry.value
      guard text.hasPrefix("$") else {
        if text == stepId {
          unresolved("step '\(stepId)' depends on itself", reference: entry, severity: .error)
        } else if !workflow.steps.contains(where: { $0.stepId.value == text }) {
          unresolved(
            "step '\(stepId)' depends on '\(text)', which names no step of workflow '\(workflow.workflowId.value)'",
            reference: entry, severity: .error)
        } else {
          result.append(.step(text))
        }
        continue
      }
      guard let range = text.range(of: ".steps.", options: .backwards),
        text.hasPrefix("$workflows.") || text.hasPrefix("$sourceDescriptions."),
        !text[range.upperBound...].isEmpty
      else {
        unresolved(
          "step '\(stepId)': dependsOn entry '\(text)' is not a stepId, $workflows.<id>.steps.<stepId> or $sourceDescriptions.<name>.<id>.steps.<stepId>",
          reference: entry, severity: .error)
        continue
      }
      let target = String(text[range.upperBound...])
      var workflowText = String(text[..<range.lowerBound])
      if workflowText.hasPrefix("$workflows.") { workflowText.removeFirst("$workflows.".count) }
      let ref = resolveWorkflow(entry.map { _ in workflowText }, in: scope)
      if let index = ref.index, let steps = registeredSteps(index), !steps.contains(target) {
        unresolved(
          "step '\(stepId)' depends on '\(text)', but workflow '\(workflowText)' has no step '\(target)'",
          reference: entry, severity: .error)
        continue
      }
      result.append(.workflowStep(ref, stepId: target))
    }
    return result
  }

  /// The step's `timeout` as the request timeout; a value below 1 ms is ignored with a warning.
  func timeout(of step: Step) -> Duration? {
    guard let timeout = step.timeout else { return nil }
    guard timeout.value >= 1 else {
      unresolved(
        "step '\(step.stepId.value)': timeout \(timeout.value) is not a positive number of milliseconds; it is ignored",
        reference: timeout.map { String($0) })
      return nil
    }
    return .milliseconds(timeout.value)
  }
}
