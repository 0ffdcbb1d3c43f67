import ArazzoExpressions
import ArazzoIR

extension Machine {
  /// For AZ5001 (`--max-steps`): when the action that re-entered the step holds by a jsonpath
  /// criterion whose query selects null, false or empty (`$.next` on `{"next": null}`), why the
  /// loop never ends and the filter probably meant (`JSONPathExplanation`); nil otherwise.
  func loopHint() -> String? {
    guard let last = attempts.last, let name = last.action else { return nil }
    for case .dispatch(let dispatch) in program.workflows[top.workflow].instructions
    where dispatch.stepId == last.stepId {
      guard let action = (dispatch.onSuccess + dispatch.onFailure).first(where: { $0.name == name })
      else { continue }
      for criterion in action.criteria {
        guard case .jsonpath = criterion.body else { continue }
        let trap = criterion.explain(in: context).explanation.first { $0.hasPrefix("it selected ") }
        if let trap {
          return
            "'\(name)' holds by its jsonpath criterion '\(criterion.criterion.condition)', which holds whenever it selects anything: \(trap)"
        }
      }
    }
    return nil
  }
}
