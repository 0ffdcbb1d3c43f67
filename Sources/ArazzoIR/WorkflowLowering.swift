import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax

/// Lowering of one workflow: the five-instruction layout per step, parameters and actions
/// merged, every expression compiled once.
extension LoweringSession {
  /// Instructions per step: `step`, `request`/`call`, `check`, `outputs`, `dispatch`.
  static let stride = 5

  /// A parameter after Reusable expansion, with where it came from.
  struct SourcedParameter {
    var parameter: Parameter
    var component: String?
    var origin: Origin
  }

  func lowerWorkflow(_ workflow: Workflow, in scope: Scope, index: Int) -> WorkflowCode {
    let steps = workflow.steps
    let returnPC = steps.count * Self.stride
    let failPC = returnPC + 1
    var stepPCs: [String: Int] = [:]
    for (i, step) in steps.enumerated() where stepPCs[step.stepId.value] == nil {
      stepPCs[step.stepId.value] = i * Self.stride
    }
    let layout = Layout(stepPCs: stepPCs, returnPC: returnPC, failPC: failPC)
    let workflowParameters = expand(workflow.parameters, origin: .workflow, in: scope)
    var code: [Instruction] = []
    code.reserveCapacity(returnPC + 2)

    for (i, step) in steps.enumerated() {
      let base = i * Self.stride
      let id = step.stepId.value
      var span = step.stepId.span
      code.append(
        .step(
          StepEntry(
            stepId: id, index: i, description: step.description?.value,
            dependsOn: dependencies(of: step, in: workflow, scope: scope), span: span)))

      let stepParameters = expand(step.parameters, origin: .step, in: scope)
      if let target = step.workflowId {
        span = target.span
        if let timeout = step.timeout {
          unresolved(
            "step '\(id)': a timeout on a workflowId step is not enforced (only requests time out)",
            reference: timeout.map { String($0) })
        }
        let arguments = inputs(
          workflow: workflowParameters, step: stepParameters, in: scope)
        code.append(
          .call(
            Call(
              stepId: id, target: resolveWorkflow(target, in: scope), arguments: arguments,
              span: span)))
      } else {
        let (binding, targetSpan) = operation(of: step, in: scope)
        span = targetSpan ?? span
        let operation = binding.resolved
        let arguments = merge(workflowParameters, stepParameters).map { p in
          argument(
            p, in: scope,
            declaration: p.parameter.location.flatMap {
              operation?.declaredParameter(named: p.parameter.name.value, in: $0.value.rawValue)
            })
        }
        code.append(
          .request(
            Request(
              stepId: id, operation: binding, arguments: arguments,
              body: step.requestBody.map {
                body($0, operation: operation, in: scope, fallback: span)
              },
              timeout: timeout(of: step), span: span)))
      }

      let criteria = step.successCriteria.map { compile($0, in: scope) }
      span = step.successCriteria.first?.condition.span ?? span
      code.append(.check(Check(stepId: id, criteria: criteria, span: span)))

      let outputs = step.outputs.map { output($0, in: scope) }
      span = step.outputs.first?.name.span ?? span
      code.append(.outputs(StepOutputs(stepId: id, outputs: outputs, span: span)))

      let success = merged(
        step: step.onSuccess.compactMap { successAction($0, origin: .step, in: scope, layout) },
        workflow: workflow.successActions.compactMap {
          successAction($0, origin: .workflow, in: scope, layout)
        })
      let failure = merged(
        step: step.onFailure.compactMap {
          failureAction($0, origin: .step, in: scope, layout, resume: base + 1)
        },
        workflow: workflow.failureActions.compactMap {
          failureAction($0, origin: .workflow, in: scope, layout, resume: base + 1)
        })
      span = (success + failure).first { $0.origin == .step }?.span ?? span
      code.append(
        .dispatch(
          Dispatch(
            stepId: id, onSuccess: success, successDefault: .next(pc: base + Self.stride),
            onFailure: failure, failureDefault: .fail(pc: failPC), span: span)))
    }

    let outputs = workflow.outputs.map { output($0, in: scope) }
    let exitSpan = workflow.outputs.first?.name.span ?? workflow.workflowId.span
    code.append(.return(Return(outputs: outputs, span: exitSpan)))
    code.append(.fail(Fail(outputs: outputs, span: exitSpan)))

    let (schema, found) = workflow.resolvedInputs(
      in: scope.loaded, access: sourceSet.fileAccess(ofDocumentAt: scope.location))
    absorb(found, in: scope)
    return WorkflowCode(
      name: programNames[index] ?? workflow.workflowId.value, workflowId: workflow.workflowId.value,
      document: scope.location, span: workflow.workflowId.span, summary: workflow.summary?.value,
      inputs: schema, dependsOn: workflow.dependsOn.map { resolveWorkflow($0, in: scope) },
      instructions: code,
      steps: steps.enumerated().map { ($0.element.stepId.value, $0.offset * Self.stride) },
      returnPC: returnPC, failPC: failPC)
  }

  /// The pcs actions jump to.
  struct Layout {
    var stepPCs: [String: Int]
    var returnPC: Int
    var failPC: Int
  }

  // MARK: Parameters

  /// Inline parameters as they are; Reusable ones expanded, their `value` override applied.
  func expand(
    _ items: [InlineOrReusable<Parameter>], origin: Origin, in scope: Scope
  ) -> [SourcedParameter] {
    items.compactMap { item in
      switch item {
      case .inline(let parameter):
        return SourcedParameter(parameter: parameter, component: nil, origin: origin)
      case .reusable(let reusable):
        guard let parameter = scope.document.components?.parameter(for: reusable) else {
          return nil
        }
        return SourcedParameter(
          parameter: parameter, component: reusable.reference.value, origin: origin)
      }
    }
  }

  /// The identity of a request parameter: `in` plus name, header names case-insensitive.
  private func key(_ p: Parameter) -> String? {
    guard let location = p.location?.value else { return nil }
    let name = location == .header ? p.name.value.lowercased() : p.name.value
    return location.rawValue + "\u{0}" + name
  }

  /// The effective request parameters (docs/semantics.md#parameters): the workflow's (with `in`),
  /// each replaced in place by the step's parameter of the same identity, then the step's other
  /// parameters.
  func merge(_ workflow: [SourcedParameter], _ step: [SourcedParameter]) -> [SourcedParameter] {
    var result: [SourcedParameter] = []
    var used = Set<Int>()
    for w in workflow {
      guard let k = key(w.parameter) else { continue }
      if let j = step.firstIndex(where: { key($0.parameter) == k }) {
        if used.insert(j).inserted { result.append(step[j]) }
      } else {
        result.append(w)
      }
    }
    for (j, s) in step.enumerated() where !used.contains(j) && key(s.parameter) != nil {
      result.append(s)
    }
    return result
  }

  /// The inputs of a sub-workflow (docs/semantics.md#parameters): workflow parameters without `in`,
  /// replaced by step parameters of the same name, then the step's others (their `in` ignored).
  func inputs(
    workflow: [SourcedParameter], step: [SourcedParameter], in scope: Scope
  ) -> [ParameterBinding] {
    var chosen: [SourcedParameter] = []
    var used = Set<Int>()
    for w in workflow where w.parameter.location == nil {
      if let j = step.firstIndex(where: { $0.parameter.name.value == w.parameter.name.value }) {
        if used.insert(j).inserted { chosen.append(step[j]) }
      } else {
        chosen.append(w)
      }
    }
    for (j, s) in step.enumerated() where !used.contains(j) { chosen.append(s) }
    return chosen.map { argument($0, in: scope, declaration: nil, asInput: true) }
  }

  /// A parameter compiled; `asInput`: a sub-workflow's input, which has no location (its `in`
  /// is ignored).
  func argument(
    _ p: SourcedParameter, in scope: Scope, declaration: OpenAPIParameter?, asInput: Bool = false
  )
    -> ParameterBinding
  {
    ParameterBinding(
      name: p.parameter.name.value, location: asInput ? nil : p.parameter.location?.value,
      value: compile(p.parameter.value, in: scope), origin: p.origin, component: p.component,
      declaration: declaration, span: p.parameter.value.span)
  }

  // MARK: Values, criteria, outputs

  /// Compiles a parameter value, payload or replacement value once.
  func compile(_ value: Located<JSONValue>, in scope: Scope) -> ValueTemplate {
    var found: [Diagnostic] = []
    let template = value.compiledTemplate(
      in: scope.loaded.map, options: ValueTemplate.Options(strict: options.strict),
      diagnostics: &found)
    absorb(found, in: scope)
    return template
  }

  /// Compiles a criterion exactly as the validator does (`Criterion.compiled`).
  func compile(_ criterion: ArazzoSyntax.Criterion, in scope: Scope) -> CompiledCriterion {
    var found: [Diagnostic] = []
    let compiled = criterion.compiled(
      in: scope.loaded.map, options: CriterionOptions(strict: options.strict), diagnostics: &found)
    absorb(found, in: scope)
    return compiled
  }

  /// Compiles a step or workflow output.
  func output(_ output: Output, in scope: Scope) -> OutputBinding {
    let name = output.name.value
    switch output.value {
    case .expression(let located):
      guard located.value.hasPrefix("$") else {
        return OutputBinding(
          name: name, value: .constant(.string(located.value)), span: located.span)
      }
      do {
        let expression = try RuntimeExpression.parse(
          located.value, origin: scope.loaded.map.origin(of: located))
        return OutputBinding(name: name, value: .expression(expression), span: located.span)
      } catch {
        absorb([error], in: scope)
        return OutputBinding(
          name: name, value: .constant(.string(located.value)), span: located.span)
      }
    case .selector(let selector):
      let span = selector.selector.span
      let context: RuntimeExpression
      do {
        context = try RuntimeExpression.parse(
          selector.context.value, origin: scope.loaded.map.origin(of: selector.context))
      } catch {
        absorb([error], in: scope)
        return OutputBinding(name: name, value: .constant(.null), span: span)
      }
      let text = selector.selector.value
      let query: SelectorQuery
      switch selector.type?.value ?? selector.expressionType?.type?.value ?? .jsonpath {
      case .jsonpath:
        do {
          query = .jsonpath(try JSONPath.parse(text), text: text)
        } catch {
          absorb(
            [
              Diagnostic(
                .invalidJSONPath, nil,
                "selector '\(text)' is not a JSONPath query: \(error.message)", at: span)
            ],
            in: scope)
          query = .invalid(text)
        }
      case .jsonpointer:
        do {
          query = .jsonpointer(try JSONPointer(parsing: text))
        } catch {
          absorb(
            [
              Diagnostic(
                .invalidExpression, nil, "selector '\(text)' is not a JSON Pointer", at: span)
            ],
            in: scope)
          query = .invalid(text)
        }
      case .xpath:
        switch XPathSelector.compile(text) {
        case .success(let selector): query = .xpath(selector)
        case .failure(let failure):
          absorb(
            [
              Diagnostic(
                .invalidXPath, nil,
                "selector '\(text)' is not an XPath 1.0 expression: \(failure.message)",
                at: span)
            ],
            in: scope)
          query = .invalid(text)
        }
      }
      return OutputBinding(name: name, value: .selector(context: context, query: query), span: span)
    }
  }

  // MARK: Request body

  /// The request body; without `contentType`, the operation's media type is chosen
  /// (docs/semantics.md#content-type).
  func body(
    _ body: ArazzoSyntax.RequestBody, operation: ResolvedOperation?, in scope: Scope,
    fallback: SourceSpan
  ) -> BodyTemplate {
    var contentType = body.contentType?.value
    var source = BodyTemplate.ContentTypeSource.step
    if contentType == nil {
      let declared = operation?.requestContentTypes ?? []
      if declared.count == 1 {
        contentType = declared[0]
      } else if declared.contains("application/json") {
        contentType = "application/json"
      } else {
        contentType = declared.first
      }
      source = contentType == nil ? .none : .operation
    }
    let edits = body.replacements.map { r in
      PayloadEdit(
        target: r.target.value,
        targetType: r.targetSelectorType?.value ?? r.targetSelectorExpressionType?.type?.value,
        value: compile(r.value, in: scope), span: r.target.span)
    }
    return BodyTemplate(
      contentType: contentType, contentTypeSource: source,
      payload: body.payload.map { compile($0, in: scope) }, replacements: edits,
      span: body.contentType?.span ?? body.payload?.span ?? fallback)
  }
}

extension ResolvedOperation {
  /// The declared parameter with this identity (header names case-insensitive).
  func declaredParameter(named name: String, in location: String) -> OpenAPIParameter? {
    parameters.first { $0.matches(name: name, location: location) }
  }
}
