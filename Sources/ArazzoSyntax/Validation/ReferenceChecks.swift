import ArazzoJSON

/// References inside the document: reusable components, goto/retry targets, workflowIds and
/// dependsOn (with cycles), and duplicates in parameter and action lists once references are
/// resolved.
extension DocumentChecker {
  /// A workflow reference as written: local, or `$sourceDescriptions.<source>.<workflowId>`.
  enum WorkflowReference {
    case local(String)
    case external(source: String, workflowId: String)
    case malformed
  }

  static func parseWorkflowReference(_ text: String) -> WorkflowReference {
    let prefix = "$sourceDescriptions."
    guard text.hasPrefix(prefix) else { return .local(text) }
    let rest = text.dropFirst(prefix.count)
    guard let dot = rest.firstIndex(of: "."), dot != rest.startIndex,
      rest.index(after: dot) != rest.endIndex
    else { return .malformed }
    return .external(
      source: String(rest[..<dot]), workflowId: String(rest[rest.index(after: dot)...]))
  }

  func checkReferences() {
    let workflowIds = document.workflows.map(\.workflowId.value)
    for workflow in document.workflows {
      let stepIds = workflow.steps.map(\.stepId.value)
      for reference in workflow.dependsOn {
        checkWorkflowReference(reference, localIds: workflowIds, what: "dependsOn entry")
      }
      let successActions = workflow.successActions.compactMap { resolve($0, kind: .success) }
      let failureActions = workflow.failureActions.compactMap { resolve($0, kind: .failure) }
      let parameters = workflow.parameters.compactMap { resolve($0) }
      checkDuplicateParameters(parameters.map(\.parameter), sites: parameters.map(\.site))
      checkDuplicateActions(successActions.map { ($0.action.name, $0.site) })
      checkDuplicateActions(failureActions.map { ($0.action.name, $0.site) })
      for item in successActions {
        checkTargets(item.action.stepId, item.action.workflowId, stepIds, workflowIds, item.site)
      }
      for item in failureActions {
        checkTargets(item.action.stepId, item.action.workflowId, stepIds, workflowIds, item.site)
      }
      for step in workflow.steps {
        if let target = step.workflowId {
          checkWorkflowReference(target, localIds: workflowIds, what: "step workflowId")
        }
        let stepParameters = step.parameters.compactMap { resolve($0) }
        checkDuplicateParameters(stepParameters.map(\.parameter), sites: stepParameters.map(\.site))
        let onSuccess = step.onSuccess.compactMap { resolve($0, kind: .success) }
        let onFailure = step.onFailure.compactMap { resolve($0, kind: .failure) }
        checkDuplicateActions(onSuccess.map { ($0.action.name, $0.site) })
        checkDuplicateActions(onFailure.map { ($0.action.name, $0.site) })
        for item in onSuccess {
          checkTargets(item.action.stepId, item.action.workflowId, stepIds, workflowIds, item.site)
        }
        for item in onFailure {
          checkTargets(item.action.stepId, item.action.workflowId, stepIds, workflowIds, item.site)
        }
      }
    }
    checkDependencyCycles()
  }

  // MARK: Reusable objects

  enum ActionKind: String {
    case success = "successActions"
    case failure = "failureActions"
  }

  /// Resolves a parameter entry, reporting an unknown or wrong-kind component reference.
  func resolve(_ item: InlineOrReusable<Parameter>) -> (parameter: Parameter, site: SourceSpan)? {
    resolve(item, kind: "parameters", in: document.components?.parameters, pointer: \.pointer)
      .map { ($0.0, $0.1) }
  }

  func resolve(
    _ item: InlineOrReusable<SuccessAction>, kind: ActionKind
  )
    -> (action: SuccessAction, site: SourceSpan)?
  {
    resolve(item, kind: kind.rawValue, in: document.components?.successActions, pointer: \.pointer)
      .map { ($0.0, $0.1) }
  }

  func resolve(
    _ item: InlineOrReusable<FailureAction>, kind: ActionKind
  )
    -> (action: FailureAction, site: SourceSpan)?
  {
    resolve(item, kind: kind.rawValue, in: document.components?.failureActions, pointer: \.pointer)
      .map { ($0.0, $0.1) }
  }

  /// An inline entry, or the component a Reusable Object names, with the span to blame.
  private func resolve<T>(
    _ item: InlineOrReusable<T>, kind: String, in map: ComponentMap<T>?,
    pointer: (T) -> JSONPointer
  ) -> (T, SourceSpan)? {
    switch item {
    case .inline(let value): return (value, keySpan(pointer(value)))
    case .reusable(let r):
      guard let value = component(r, kind: kind, in: map) else { return nil }
      return (value, r.reference.span)
    }
  }

  private func component<T>(_ r: ReusableObject, kind: String, in map: ComponentMap<T>?) -> T? {
    guard let (writtenKind, key) = r.componentReference else {
      report(
        .unknownComponent,
        "reference '\(r.reference.value)' is not of the form '$components.\(kind).<key>'",
        at: r.reference)
      return nil
    }
    guard writtenKind == kind else {
      report(
        .unknownComponent,
        "reference '\(r.reference.value)' names \(writtenKind), but only \(kind) can be used here",
        at: r.reference, hint: "use '$components.\(kind).<key>'")
      return nil
    }
    guard let value = map?[key] else {
      let keys = map?.keys ?? []
      report(
        .unknownComponent, "no component '\(key)' in components.\(kind)", at: r.reference,
        hint: suggestion(for: key, among: keys)
          ?? (keys.isEmpty
            ? "components.\(kind) is empty" : "known: \(keys.joined(separator: ", "))"))
      return nil
    }
    return value
  }

  // MARK: Duplicates

  private func checkDuplicateParameters(_ parameters: [Parameter], sites: [SourceSpan]) {
    var seen: [String: SourceSpan] = [:]
    for (parameter, site) in zip(parameters, sites) where !parameter.name.isMissing {
      let location = parameter.location?.value
      // Header names compare case-insensitively (RFC 9110).
      let name = location == .header ? parameter.name.value.lowercased() : parameter.name.value
      let key = "\(name)|\(location?.rawValue ?? "")"
      if let first = seen[key] {
        let where_ = location.map { " in \($0.rawValue)" } ?? ""
        report(
          .duplicateParameter, "parameter '\(parameter.name.value)'\(where_) is given twice",
          span: site, pointer: parameter.pointer,
          notes: [DiagnosticNote("first given here", at: first)])
      } else {
        seen[key] = site
      }
    }
  }

  private func checkDuplicateActions(_ names: [(Located<String>, SourceSpan)]) {
    var seen: [String: SourceSpan] = [:]
    for (name, site) in names where !name.isMissing {
      if let first = seen[name.value] {
        report(
          .duplicateAction, "action name '\(name.value)' is used twice in one list",
          span: site, pointer: name.pointer, notes: [DiagnosticNote("first used here", at: first)],
          hint: "action names identify actions for overriding; make them unique")
      } else {
        seen[name.value] = site
      }
    }
  }

  // MARK: Targets

  private func checkTargets(
    _ stepId: Located<String>?, _ workflowId: Located<String>?, _ stepIds: [String],
    _ workflowIds: [String], _ site: SourceSpan
  ) {
    if let stepId, !stepIds.contains(stepId.value) {
      report(
        .unknownStep, "no step '\(stepId.value)' in this workflow", at: stepId,
        hint: suggestion(for: stepId.value, among: stepIds)
          ?? "steps: \(stepIds.joined(separator: ", "))")
    }
    if let workflowId {
      checkWorkflowReference(workflowId, localIds: workflowIds, what: "action workflowId")
    }
  }

  /// Checks a local or `$sourceDescriptions`-qualified workflow reference.
  func checkWorkflowReference(_ reference: Located<String>, localIds: [String], what: String) {
    switch Self.parseWorkflowReference(reference.value) {
    case .local(let id):
      guard !localIds.contains(id) else { return }
      report(
        .unknownWorkflow, "\(what) '\(id)' names no workflow of this document", at: reference,
        hint: suggestion(for: id, among: localIds)
          ?? "workflows in other documents are written $sourceDescriptions.<source>.<workflowId>")
    case .malformed:
      report(
        .unknownWorkflow,
        "\(what) '\(reference.value)' is not of the form $sourceDescriptions.<source>.<workflowId>",
        at: reference)
    case .external(let source, let workflowId):
      checkExternalWorkflow(source: source, workflowId: workflowId, at: reference, what: what)
    }
  }

  // MARK: dependsOn cycles

  private func checkDependencyCycles() {
    var edges: [String: [Located<String>]] = [:]
    for workflow in document.workflows {
      edges[workflow.workflowId.value] = workflow.dependsOn.filter {
        if case .local = Self.parseWorkflowReference($0.value) { return true }
        return false
      }
    }
    var state: [String: Int] = [:]  // 1 visiting, 2 done
    var reported = false
    // Depth-first, iteratively (a dependsOn chain can be as long as the document has workflows):
    // each entry is a workflow and how many of its edges have been followed.
    func visit(_ root: String) {
      var stack: [(id: String, next: Int)] = [(root, 0)]
      state[root] = 1
      while let top = stack.last, !reported {
        let out = edges[top.id] ?? []
        guard top.next < out.count else {
          stack.removeLast()
          state[top.id] = 2
          continue
        }
        stack[stack.count - 1].next += 1
        let edge = out[top.next]
        switch state[edge.value] {
        case 1:
          let path = stack.map(\.id)
          let start = path.firstIndex(of: edge.value) ?? 0
          let cycle = (path[start...] + [edge.value]).joined(separator: " → ")
          report(
            .dependencyCycle, "dependsOn forms a cycle: \(cycle)", at: edge,
            hint: "a workflow cannot (indirectly) depend on itself")
          reported = true
        case nil where edges[edge.value] != nil:
          state[edge.value] = 1
          stack.append((edge.value, 0))
        default:
          break
        }
      }
    }
    for workflow in document.workflows where state[workflow.workflowId.value] == nil && !reported {
      visit(workflow.workflowId.value)
    }
  }
}
