import ArazzoExpressions
import ArazzoJSON

/// Every runtime expression, value template and criterion parses, and what it references
/// exists: steps and their declared outputs, workflow inputs, workflows, sources, components.
///
/// Expressions are compiled here with the same functions lowering will use, so a document that
/// validates also lowers.
extension DocumentChecker {
  /// Where an expression sits, for the reference rules that depend on it.
  struct ExpressionSite {
    var workflow: Workflow?
    /// The index of the step whose request the expression builds, for forward-reference checks.
    var requestOfStep: Int?
    /// The workflows whose declared outputs `$outputs.<name>` may name here: the current one, and
    /// in a workflowId step's criteria, actions and outputs also the called one
    /// (docs/semantics.md#outputs-in-workflow-steps).
    var outputOwners: [Workflow] = []
  }

  func checkExpressions() {
    for workflow in document.workflows {
      let outer = ExpressionSite(workflow: workflow, outputOwners: [workflow])
      for item in workflow.parameters { checkParameter(item, site: outer) }
      for action in workflow.successActions { checkCriteria(of: action, site: outer) }
      for action in workflow.failureActions { checkCriteria(of: action, site: outer) }
      for (index, step) in workflow.steps.enumerated() {
        let request = ExpressionSite(
          workflow: workflow, requestOfStep: index, outputOwners: [workflow])
        // In a workflowId step whose callee is not fully known, `$outputs` is not judged.
        let called = step.workflowId.map(calledWorkflow)
        let after = ExpressionSite(
          workflow: workflow,
          outputOwners: called.map { $0.map { [workflow] + $0 } ?? [] } ?? [workflow])
        for item in step.parameters { checkParameter(item, site: request) }
        if let body = step.requestBody {
          if let payload = body.payload { checkValue(payload, site: request) }
          for replacement in body.replacements { checkValue(replacement.value, site: request) }
        }
        for criterion in step.successCriteria { checkCriterion(criterion, site: after) }
        for action in step.onSuccess { checkCriteria(of: action, site: after) }
        for action in step.onFailure { checkCriteria(of: action, site: after) }
        for output in step.outputs { checkOutput(output, site: after) }
      }
      for output in workflow.outputs { checkOutput(output, site: outer) }
    }
    if let components = document.components {
      let site = ExpressionSite()
      for entry in components.parameters.entries { checkValue(entry.value.value, site: site) }
      for entry in components.successActions.entries {
        for criterion in entry.value.criteria { checkCriterion(criterion, site: site) }
      }
      for entry in components.failureActions.entries {
        for criterion in entry.value.criteria { checkCriterion(criterion, site: site) }
      }
    }
  }

  // MARK: Sites

  private func checkParameter(_ item: InlineOrReusable<Parameter>, site: ExpressionSite) {
    switch item {
    case .inline(let parameter): checkValue(parameter.value, site: site)
    case .reusable(let reusable):
      if let value = reusable.value { checkValue(value, site: site) }
    }
  }

  private func checkCriteria(of action: InlineOrReusable<SuccessAction>, site: ExpressionSite) {
    for criterion in action.inline?.criteria ?? [] { checkCriterion(criterion, site: site) }
  }

  private func checkCriteria(of action: InlineOrReusable<FailureAction>, site: ExpressionSite) {
    for criterion in action.inline?.criteria ?? [] { checkCriterion(criterion, site: site) }
  }

  /// A parameter value, payload or replacement value: literal, expression or template.
  private func checkValue(_ value: Located<JSONValue>, site: ExpressionSite) {
    var found: [Diagnostic] = []
    let template = value.compiledTemplate(
      in: loaded.map, options: ValueTemplate.Options(strict: options.strict), diagnostics: &found)
    for diagnostic in found { report(diagnostic, pointer: value.pointer) }
    checkReferences(of: template.expressions, at: value.pointer, site: site)
  }

  /// A step or workflow output: the value MUST be a runtime expression.
  private func checkOutput(_ output: Output, site: ExpressionSite) {
    guard let located = output.expression else { return }
    if !located.value.hasPrefix("$") {
      // A constant where an expression belongs: the author meant the value itself.
      report(
        .literalOutput, options.strict ? .error : .warning,
        options.strict
          ? "output '\(output.name.value)' is not a runtime expression"
          : "output '\(output.name.value)' is not a runtime expression; it is the constant string '\(located.value)'",
        at: located, hint: "outputs are runtime expressions such as $response.body#/id")
      return
    }
    do {
      let expression = try RuntimeExpression.parse(
        located.value, origin: loaded.map.origin(of: located))
      checkReferences(of: [expression], at: located.pointer, site: site)
    } catch {
      var diagnostic = error
      diagnostic.message =
        "output '\(output.name.value)' is not a runtime expression: \(error.message)"
      report(diagnostic, pointer: located.pointer)
    }
  }

  private func checkCriterion(_ criterion: Criterion, site: ExpressionSite) {
    var found: [Diagnostic] = []
    let compiled = criterion.compiled(
      in: loaded.map, options: CriterionOptions(strict: options.strict), diagnostics: &found)
    for diagnostic in found { report(diagnostic, pointer: criterion.pointer) }
    if let context = compiled.context {
      checkReferences(of: [context], at: criterion.pointer, site: site)
    }
    if case .simple(let condition) = compiled.body {
      checkReferences(of: condition.expressions, at: criterion.pointer, site: site)
    }
  }

  // MARK: References

  /// Checks what the expressions of the value at `pointer` name, in the order they are written.
  func checkReferences(
    of expressions: [RuntimeExpression], at pointer: JSONPointer, site: ExpressionSite
  ) {
    guard !expressions.isEmpty else { return }
    let whole = span(pointer)
    var locator = ExpressionLocator(
      origin: loaded.map.contentOrigin(at: pointer),
      text: pointer.value(in: loaded.root)?.stringValue)
    for expression in expressions {
      checkReferences(
        of: expression, span: locator.span(of: expression) ?? whole, at: pointer, site: site)
    }
  }

  /// Checks what one parsed expression names: steps, outputs, inputs, workflows, sources.
  private func checkReferences(
    of expression: RuntimeExpression, span: SourceSpan, at pointer: JSONPointer,
    site: ExpressionSite
  ) {
    switch expression.source {
    case .stepOutput(let stepId, let name, _):
      guard let workflow = site.workflow, let step = checkStep(stepId, in: workflow, span, pointer)
      else { return }
      checkOutput(
        name, among: step.outputs.map(\.name.value), owner: "step '\(stepId)'",
        emptyOwner: "step '\(stepId)'", span, pointer)
      checkOrder(stepId, in: workflow, site: site, span, pointer)
    case .stepField(let stepId, let field, _):
      guard let workflow = site.workflow, checkStep(stepId, in: workflow, span, pointer) != nil
      else { return }
      // `output.token` (a misspelt `outputs`) means output `token`; any other field is taken
      // for the output's name.
      let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
      let name =
        parts.count == 2
          && EditDistance.suggestion(for: parts[0].lowercased(), among: ["outputs"]) != nil
        ? parts[1] : field
      report(
        .invalidExpression,
        "'\(expression.text)' reads field '\(field)' of a step; only '$steps.\(stepId).outputs.<name>' is defined",
        span: span, pointer: pointer, hint: "write '$steps.\(stepId).outputs.\(name)'")
    case .inputs(let name, _):
      guard let workflow = site.workflow, let declared = declaredInputs(of: workflow) else {
        return
      }
      let head = String(name.split(separator: ".").first ?? Substring(name))
      if !declared.contains(name) && !declared.contains(head) {
        report(
          .unknownInput, "workflow '\(workflow.workflowId.value)' declares no input '\(head)'",
          span: span, pointer: pointer,
          hint: suggestion(for: head, among: declared)
            ?? "its inputs: \(declared.joined(separator: ", "))")
      }
    case .outputs(let name, _):
      guard let current = site.outputOwners.first else { return }
      let owners = site.outputOwners.map { "'\($0.workflowId.value)'" }.joined(separator: " or ")
      checkOutput(
        name, among: site.outputOwners.flatMap { $0.outputs.map(\.name.value) },
        owner: "workflow \(owners)", emptyOwner: "workflow '\(current.workflowId.value)'", span,
        pointer)
    case .workflowInput(let id, _, _), .workflowOutput(let id, _, _):
      let ids = document.workflows.map(\.workflowId.value) + externalWorkflowIds
      if !ids.contains(id) && !hasUnavailableArazzoSources {
        report(
          .unknownWorkflow, "'\(expression.text)' names no workflow '\(id)'", span: span,
          pointer: pointer, hint: suggestion(for: id, among: ids))
      }
      if case .workflowOutput(_, let name, _) = expression.source,
        let workflow = document.workflow(id: id) ?? externalWorkflow(id: id)
      {
        checkOutput(
          name, among: workflow.outputs.map(\.name.value), owner: "workflow '\(id)'",
          emptyOwner: "workflow '\(id)'", span, pointer)
      }
    case .sourceDescription(let name, _):
      let names = document.sourceDescriptions.map(\.name.value)
      if !names.contains(name) {
        report(
          .unknownSource, "no source description named '\(name)'", span: span, pointer: pointer,
          hint: suggestion(for: name, among: names))
      }
    default:
      break
    }
  }

  /// Reports `name` (AZ2023) unless it is one of the `declared` outputs of `owner`.
  private func checkOutput(
    _ name: String, among declared: [String], owner: String, emptyOwner: String,
    _ span: SourceSpan, _ pointer: JSONPointer
  ) {
    guard !Self.declares(declared, name) else { return }
    report(
      .unknownOutput, "\(owner) declares no output '\(name)'", span: span, pointer: pointer,
      hint: suggestion(for: name, among: declared)
        ?? (declared.isEmpty
          ? "\(emptyOwner) has no outputs" : "its outputs: \(declared.joined(separator: ", "))"))
  }

  /// Whether `name` is one of `declared` outputs, or walks into one
  /// (docs/semantics.md#dotted-names: `a.b` may be output `a.b`, or output `a` walked into `.b`).
  static func declares(_ declared: [String], _ name: String) -> Bool {
    let parts = name.split(separator: ".")
    return declared.contains(name)
      || parts.indices.contains { declared.contains(parts[...$0].joined(separator: ".")) }
  }

  /// The workflows whose outputs a workflowId step may receive: the one it calls and, since a
  /// `goto` to another workflow hands the call over, every workflow it may hand off to. Nil
  /// when one of them is not known (another document's hand-offs are not followed), so that
  /// nothing is judged on a guess.
  private func calledWorkflow(_ reference: Located<String>) -> [Workflow]? {
    var found: [Workflow] = []
    var seen: Set<String> = []
    var pending = [reference.value]
    while let next = pending.popLast() {
      guard seen.insert(next).inserted else { continue }
      let workflow: Workflow?
      switch Self.parseWorkflowReference(next) {
      case .local(let id): workflow = document.workflow(id: id)
      case .external(let source, let id):
        guard found.isEmpty else { return nil }
        return sources?.sources[source]?.arazzo?.workflow(id: id).map { [$0] }
      case .malformed: workflow = nil
      }
      guard let workflow else { return nil }
      found.append(workflow)
      pending += handOffs(of: workflow)
    }
    return found
  }

  /// The workflowIds a workflow's `goto` actions name (its own and its steps').
  private func handOffs(of workflow: Workflow) -> [String] {
    let components = document.components
    let success = (workflow.successActions + workflow.steps.flatMap(\.onSuccess)).map { item in
      switch item {
      case .inline(let action): return action.workflowId?.value
      case .reusable(let r): return components?.successAction(for: r)?.workflowId?.value
      }
    }
    let failure = (workflow.failureActions + workflow.steps.flatMap(\.onFailure)).map { item in
      switch item {
      case .inline(let action): return action.workflowId?.value
      case .reusable(let r): return components?.failureAction(for: r)?.workflowId?.value
      }
    }
    return (success + failure).compactMap { $0 }
  }

  /// A workflow of a loaded Arazzo source, by id (`$workflows.<id>` may name one).
  private func externalWorkflow(id: String) -> Workflow? {
    sources?.sources.values.lazy.compactMap { $0.arazzo?.workflow(id: id) }.first
  }

  /// Workflow ids of the loaded Arazzo sources (`$workflows.<id>` may name them).
  private var externalWorkflowIds: [String] {
    (sources?.sources.values.compactMap(\.arazzo) ?? []).flatMap(\.workflowIds)
  }

  /// Whether an Arazzo source could not be loaded (then unknown ids may live there).
  private var hasUnavailableArazzoSources: Bool {
    document.sourceDescriptions.contains { source in
      guard source.type?.value == .arazzo else { return false }
      if case .arazzo? = sources?.sources[source.name.value] { return false }
      return true
    }
  }

  private func checkStep(
    _ stepId: String, in workflow: Workflow, _ span: SourceSpan, _ pointer: JSONPointer
  ) -> Step? {
    if let step = workflow.step(id: stepId) { return step }
    let ids = workflow.steps.map(\.stepId.value)
    report(
      .unknownStepReference,
      "no step '\(stepId)' in workflow '\(workflow.workflowId.value)'", span: span,
      pointer: pointer,
      hint: suggestion(for: stepId, among: ids) ?? "steps: \(ids.joined(separator: ", "))")
    return nil
  }

  /// A request that reads a step which has not run yet in a straight-line workflow.
  private func checkOrder(
    _ stepId: String, in workflow: Workflow, site: ExpressionSite, _ span: SourceSpan,
    _ pointer: JSONPointer
  ) {
    guard let current = site.requestOfStep,
      let target = workflow.steps.firstIndex(where: { $0.stepId.value == stepId }),
      target >= current, !hasJumps(workflow)
    else { return }
    let what =
      target == current
      ? "step '\(stepId)' reads its own outputs while building its request; they do not exist yet"
      : "step '\(workflow.steps[current].stepId.value)' reads outputs of '\(stepId)', which runs later"
    report(.forwardReference, what, span: span, pointer: pointer)
  }

  /// Whether any action can jump (then order is not known statically).
  private func hasJumps(_ workflow: Workflow) -> Bool {
    let actions = workflow.steps.flatMap { $0.onSuccess.count + $0.onFailure.count > 0 ? [1] : [] }
    return !actions.isEmpty || !workflow.successActions.isEmpty || !workflow.failureActions.isEmpty
  }

  /// The property names of a workflow's input schema, following a local `$ref`; nil when the
  /// schema does not list them (then any input may exist).
  private func declaredInputs(of workflow: Workflow) -> [String]? {
    guard var schema = workflow.inputs?.value else { return nil }
    for _ in 0..<8 {
      guard case .string(let ref)? = schema["$ref"], ref.hasPrefix("#") else { break }
      guard let pointer = try? JSONPointer(parsing: String(ref.dropFirst())),
        let target = pointer.value(in: loaded.root)
      else { return nil }
      schema = target
    }
    guard case .object(let properties)? = schema["properties"] else { return nil }
    if schema["additionalProperties"] != nil && schema["additionalProperties"] != .bool(false) {
      return nil
    }
    if schema["patternProperties"] != nil || schema["allOf"] != nil || schema["anyOf"] != nil
      || schema["oneOf"] != nil
    {
      return nil
    }
    return properties.keys
  }
}

/// Finds the expressions of one string in it, left to right: each search starts where the last
/// expression ended, so a string with thousands of expressions is read once, not once each.
struct ExpressionLocator {
  private let origin: SourceLocation?
  private let scalars: [Unicode.Scalar]
  /// Spans stop before the first line break: a folded string's layout in the file is not known.
  private let firstBreak: Int
  private var position = 0

  init(origin: SourceLocation?, text: String?) {
    self.origin = origin
    self.scalars = text.map { Array($0.unicodeScalars) } ?? []
    self.firstBreak = scalars.firstIndex(of: "\n") ?? scalars.count
  }

  /// The span of the next occurrence of `expression`'s text, or nil when it has none on the
  /// string's first line.
  mutating func span(of expression: RuntimeExpression) -> SourceSpan? {
    let pattern = Array(expression.text.unicodeScalars)
    guard let origin, position < firstBreak,
      let found = scalars[position...].firstRange(of: pattern), found.lowerBound < firstBreak
    else { return nil }
    position = found.upperBound
    return SourceSpan(start: origin.advanced(by: found.lowerBound), length: pattern.count)
  }
}
