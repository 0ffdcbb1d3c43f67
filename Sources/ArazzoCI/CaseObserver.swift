import ArazzoExpressions
import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Watches one case's machine and keeps, per step attempt, what the reports show beyond the
/// `StepAttempt`: the request, the response's status and body, and each success criterion's
/// outcome, a failed one explained part by part in the context it was evaluated in.
final class CaseObserver: RunObserver {
  /// The machine observed (set once it is made; it holds its observer weakly).
  var machine: Machine?
  /// One entry per finished attempt, in the order of `RunResult.steps`.
  private(set) var details: [AttemptDetail] = []
  private var current = AttemptDetail()

  struct AttemptDetail {
    var request: HTTPRequest?
    var response: HTTPResponse?
    var criteria: [CriterionOutcome] = []
  }

  func handle(_ event: RunEvent) {
    switch event {
    case .requestSent(_, let request): current.request = request
    case .responseReceived(_, let response, _): current.response = response
    case .checked(let stepId, _, _): current.criteria = criteria(of: stepId)
    case .actionTaken:
      details.append(current)
      current = AttemptDetail()
    default: break
    }
  }

  /// Each success criterion of `stepId` (in the workflow now running) with its outcome; a
  /// failed one with its explanation.
  func criteria(of stepId: String) -> [CriterionOutcome] {
    guard let machine, let position = machine.position, let context = machine.snapshot() else {
      return []
    }
    let code = machine.program.workflows[position.workflowIndex]
    for case .check(let check) in code.instructions where check.stepId == stepId {
      return check.criteria.enumerated().map { i, compiled in
        let origin = compiled.criterion.conditionOrigin
        var outcome = CriterionOutcome(
          condition: compiled.criterion.condition, type: compiled.criterion.type.rawValue,
          passed: compiled.passes(in: context), file: origin?.file.path, line: origin?.line,
          column: origin?.column)
        if !outcome.passed {
          outcome.explanation =
            CriterionExplanation.explain(compiled, number: i + 1, in: context)
            .lines
        }
        return outcome
      }
    }
    return []
  }
}
