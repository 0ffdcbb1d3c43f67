import ArazzoJSON
import ArazzoSyntax

/// Success and failure actions: Reusable ones expanded, targets resolved to pcs and workflows, step
/// and workflow lists merged (docs/semantics.md#action-lists).
extension LoweringSession {
  /// The effective list: by default the step's entries, then the workflow's entries whose names
  /// the step does not use; with `.stepReplacesWorkflow`, a non-empty step list alone.
  func merged(step: [Action], workflow: [Action]) -> [Action] {
    switch options.actionMerge {
    case .stepThenWorkflow:
      let names = Set(step.map(\.name))
      return step + workflow.filter { !names.contains($0.name) }
    case .stepReplacesWorkflow:
      return step.isEmpty ? workflow : step
    }
  }

  /// An action lowered: inline, or the component a Reusable Object names (with the reference,
  /// blamed at the reference's span); its criteria compiled; `effect` reads its type. Nil when
  /// the component is missing or the effect cannot be resolved (validation has said why).
  private func action<T>(
    _ item: InlineOrReusable<T>, origin: Origin, in scope: Scope,
    lookup: (ReusableObject) -> T?, name: (T) -> Located<String>,
    criteria: (T) -> [ArazzoSyntax.Criterion], effect: (T) -> ActionEffect?
  ) -> Action? {
    let (action, component, span): (T, String?, SourceSpan)
    switch item {
    case .inline(let a): (action, component, span) = (a, nil, name(a).span)
    case .reusable(let r):
      guard let a = lookup(r) else { return nil }
      (action, component, span) = (a, r.reference.value, r.reference.span)
    }
    guard let effect = effect(action) else { return nil }
    return Action(
      name: name(action).value, origin: origin, component: component,
      criteria: criteria(action).map { compile($0, in: scope) }, effect: effect, span: span)
  }

  func successAction(
    _ item: InlineOrReusable<SuccessAction>, origin: Origin, in scope: Scope, _ layout: Layout
  ) -> Action? {
    action(
      item, origin: origin, in: scope,
      lookup: { scope.document.components?.successAction(for: $0) },
      name: \.name, criteria: \.criteria
    ) { action in
      switch action.type?.value {
      case nil: return nil
      case .end: return .end(pc: layout.returnPC)
      case .goto:
        return jump(
          stepId: action.stepId, workflowId: action.workflowId, parameters: action.parameters,
          in: scope, layout)
      }
    }
  }

  func failureAction(
    _ item: InlineOrReusable<FailureAction>, origin: Origin, in scope: Scope, _ layout: Layout,
    resume: Int
  ) -> Action? {
    action(
      item, origin: origin, in: scope,
      lookup: { scope.document.components?.failureAction(for: $0) },
      name: \.name, criteria: \.criteria
    ) { action in
      switch action.type?.value {
      case nil: return nil
      case .end: return .end(pc: layout.failPC)
      case .goto:
        return jump(
          stepId: action.stepId, workflowId: action.workflowId, parameters: action.parameters,
          in: scope, layout)
      case .retry:
        var target: RetryTarget?
        if let stepId = action.stepId {
          target = .step(stepId: stepId.value, pc: stepPC(stepId, layout))
        } else if let workflowId = action.workflowId {
          target = .workflow(
            resolveWorkflow(workflowId, in: scope),
            arguments: actionInputs(action.parameters, in: scope))
        }
        return .retry(
          Retry(
            after: action.retryAfter?.value, limit: max(0, action.retryLimit?.value ?? 1),
            resume: resume, target: target))
      }
    }
  }

  /// A `goto`: to a step of this workflow, or to a workflow for good.
  private func jump(
    stepId: Located<String>?, workflowId: Located<String>?,
    parameters: [InlineOrReusable<Parameter>], in scope: Scope, _ layout: Layout
  ) -> ActionEffect? {
    if let stepId {
      return .goto(stepId: stepId.value, pc: stepPC(stepId, layout))
    }
    if let workflowId {
      return .gotoWorkflow(
        resolveWorkflow(workflowId, in: scope), arguments: actionInputs(parameters, in: scope))
    }
    return nil
  }

  /// The pc of a step of the workflow being lowered; -1 (which the verifier rejects) with an
  /// error when there is no such step, which validation should have caught.
  private func stepPC(_ stepId: Located<String>, _ layout: Layout) -> Int {
    if let pc = layout.stepPCs[stepId.value] { return pc }
    unresolved("no step '\(stepId.value)' in this workflow", reference: stepId, severity: .error)
    return -1
  }

  /// [1.1] An action's `parameters`: the target workflow's inputs, by name.
  private func actionInputs(
    _ items: [InlineOrReusable<Parameter>], in scope: Scope
  )
    -> [ParameterBinding]
  {
    expand(items, origin: .step, in: scope).map {
      argument($0, in: scope, declaration: nil, asInput: true)
    }
  }
}
