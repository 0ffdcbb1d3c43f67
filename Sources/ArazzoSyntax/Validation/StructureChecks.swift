import ArazzoJSON

/// Shape rules the schema cannot say well: one target per step, action fields that fit the
/// action's type, and where a parameter's `in` is required or forbidden.
extension DocumentChecker {
  func checkStructure() {
    for workflow in document.workflows {
      let hasOperationSteps = workflow.steps.contains { $0.workflowId == nil }
      for item in workflow.parameters {
        guard let parameter = item.inline, !hasField(parameter.pointer, "in"), hasOperationSteps
        else {
          continue
        }
        report(
          .parameterLocation, .warning,
          "workflow parameter '\(parameter.name.value)' has no 'in'; it applies to operation steps, which need one",
          span: keySpan(parameter.pointer), pointer: parameter.pointer,
          hint: "add 'in: path|query|header|cookie'")
      }
      for action in workflow.successActions.compactMap(\.inline) { checkShape(action) }
      for action in workflow.failureActions.compactMap(\.inline) { checkShape(action) }
      for step in workflow.steps { checkStructure(of: step) }
    }
    if let components = document.components {
      for entry in components.successActions.entries { checkShape(entry.value) }
      for entry in components.failureActions.entries { checkShape(entry.value) }
    }
  }

  private func checkStructure(of step: Step) {
    let targets = step.targets
    if targets.isEmpty && step.channelPath == nil && !hasMisspelledTarget(step) {
      let vendor = step.extensions.keys.first { $0.lowercased().contains("operation") }
      report(
        .stepTarget, vendor == nil ? nil : .warning,
        vendor.map {
          "step '\(step.stepId.value)' names its operation only through the extension '\($0)'"
        }
          ?? "step '\(step.stepId.value)' has no operationId, operationPath or workflowId",
        span: keySpan(step.pointer), pointer: step.pointer,
        hint: "a step must name exactly one of operationId, operationPath, workflowId")
    } else if targets.count > 1 {
      let names = targets.map(Self.fieldName).joined(separator: " and ")
      report(
        .stepTarget, "step '\(step.stepId.value)' has both \(names); they are mutually exclusive",
        span: targetSpan(targets[1]), pointer: step.pointer,
        notes: [
          DiagnosticNote("\(Self.fieldName(targets[0])) is here", at: targetSpan(targets[0]))
        ],
        hint: "keep exactly one of operationId, operationPath, workflowId")
    }
    if step.workflowId == nil {
      for parameter in step.parameters.compactMap(\.inline) where !hasField(parameter.pointer, "in")
      {
        report(
          .parameterLocation,
          "parameter '\(parameter.name.value)' of operation step '\(step.stepId.value)' needs 'in'",
          span: keySpan(parameter.pointer), pointer: parameter.pointer,
          hint: "add 'in: path', 'in: query', 'in: header' or 'in: cookie'")
      }
    }
    for action in step.onSuccess.compactMap(\.inline) { checkShape(action) }
    for action in step.onFailure.compactMap(\.inline) { checkShape(action) }
    checkAsync(step)
  }

  /// [1.1] AsyncAPI steps are read and checked, but the runtime speaks only HTTP: say so here,
  /// before a run reaches one.
  private func checkAsync(_ step: Step) {
    let marker: Located<String>? =
      step.channelPath ?? step.action.map { $0.map { "action: \($0.rawValue)" } }
    guard let marker else { return }
    report(
      .asyncStep,
      "step '\(step.stepId.value)' is an AsyncAPI step; AsyncAPI steps are not run (the step fails when a run reaches it)",
      // No pointer: a warning about running, which must not hide the schema's verdict on the step.
      span: keySpan(marker.pointer), pointer: nil,
      hint: "only steps with an OpenAPI operation (operationId, operationPath) or a workflowId run")
  }

  /// Whether the object at `pointer` has `field` as written (even with a bad value).
  func hasField(_ pointer: JSONPointer, _ field: String) -> Bool {
    pointer.appending(field).value(in: loaded.root) != nil
  }

  /// A step whose only target is misspelled (`operationID`) already got an unknown-field error.
  private func hasMisspelledTarget(_ step: Step) -> Bool {
    guard case .object(let o) = step.pointer.value(in: loaded.root) else { return false }
    let targets = ["operationid", "operationpath", "workflowid"]
    return o.keys.contains { targets.contains($0.lowercased()) }
  }

  static func fieldName(_ target: Step.Target) -> String {
    switch target {
    case .operationId: return "operationId"
    case .operationPath: return "operationPath"
    case .workflowId: return "workflowId"
    case .channelPath: return "channelPath"
    }
  }

  func targetSpan(_ target: Step.Target) -> SourceSpan {
    switch target {
    case .operationId(let l), .operationPath(let l), .workflowId(let l), .channelPath(let l):
      return keySpan(l.pointer)
    }
  }

  private func checkShape(_ action: SuccessAction) {
    guard let type = action.type?.value else { return }
    checkShape(
      name: action.name, type: type.rawValue, stepId: action.stepId,
      workflowId: action.workflowId, pointer: action.pointer)
    checkActionParameters(action.parameters)
  }

  private func checkShape(_ action: FailureAction) {
    guard let type = action.type?.value else { return }
    checkShape(
      name: action.name, type: type.rawValue, stepId: action.stepId,
      workflowId: action.workflowId, pointer: action.pointer)
    if type != .retry {
      for field in [action.retryAfter.map { $0.pointer }, action.retryLimit.map { $0.pointer }] {
        guard let field else { continue }
        report(
          .actionShape, .warning,
          "'\(field.tokens.last ?? "")' only applies to retry actions; action '\(action.name.value)' is '\(type.rawValue)'",
          span: keySpan(field), pointer: field)
      }
    }
    checkActionParameters(action.parameters)
  }

  private func checkShape(
    name: Located<String>, type: String, stepId: Located<String>?,
    workflowId: Located<String>?, pointer: JSONPointer
  ) {
    switch (type, stepId, workflowId) {
    case ("goto", nil, nil):
      report(
        .actionShape, "goto action '\(name.value)' has neither stepId nor workflowId",
        span: keySpan(pointer), pointer: pointer, hint: "add 'stepId: <a step of this workflow>'")
    case (_, let s?, _?):
      report(
        .actionShape,
        "action '\(name.value)' has both stepId and workflowId; they are mutually exclusive",
        span: keySpan(s.pointer), pointer: pointer)
    case ("end", let s?, nil), ("end", nil, let s?):
      report(
        .actionShape, .warning,
        "'\(s.pointer.tokens.last ?? "")' is ignored on end action '\(name.value)'",
        span: keySpan(s.pointer), pointer: s.pointer)
    default:
      break
    }
  }

  private func checkActionParameters(_ parameters: [InlineOrReusable<Parameter>]) {
    for parameter in parameters.compactMap(\.inline) {
      guard let location = parameter.location else { continue }
      report(
        .parameterLocation,
        "action parameter '\(parameter.name.value)' must not have 'in': it names an input of the target workflow",
        span: keySpan(location.pointer), pointer: location.pointer)
    }
  }
}
