import ArazzoJSON

/// Checks that need the source descriptions: operations by operationId and operationPath,
/// parameters the operation declares, and workflows in other Arazzo documents.
///
/// A source that could not be loaded (remote, missing) has already been reported as a warning;
/// the checks that need it are skipped rather than guessed.
extension DocumentChecker {
  func loadSources() {
    let set = SourceSet.load(
      for: document, loaded: loaded,
      options: SourceSetOptions(
        overrides: options.sourceOverrides, root: options.root,
        requireLocalSources: options.requireLocalSources))
    for diagnostic in set.diagnostics { report(diagnostic, pointer: nil) }
    sources = set
  }

  func checkOperations() {
    for workflow in document.workflows {
      for step in workflow.steps {
        var operation: OpenAPIOperation?
        if let id = step.operationId, step.targets.count == 1 {
          operation = resolveOperation(id)
        } else if let path = step.operationPath, step.targets.count == 1 {
          operation = resolveOperationPath(path)
        }
        if let operation {
          checkParameters(of: step, against: operation, in: workflow)
          checkRequiredParameters(of: step, against: operation, in: workflow)
        }
      }
    }
  }

  // MARK: operationId

  private var openAPISourceNames: [String] {
    document.sourceDescriptions.filter { source in
      switch sources?.sources[source.name.value] {
      case .arazzo?: return false
      case .unavailable?, nil: return source.type?.value != .arazzo
      case .openapi?: return true
      }
    }.map(\.name.value)
  }

  private func resolveOperation(_ id: Located<String>) -> OpenAPIOperation? {
    guard let sources else { return nil }
    switch TargetReference.parseId(id.value) {
    case .qualified(let source, let name):
      guard let loaded = sourceEntry(source, at: id) else { return nil }
      guard let index = loaded.openapi else {
        if loaded.arazzo != nil {
          report(
            .unknownOperation,
            "'\(source)' is an Arazzo source; operationId must name an OpenAPI operation",
            at: id, hint: "to run a workflow of '\(source)', use 'workflowId: \(id.value)'")
        }
        return nil
      }
      if let operation = index.operation(id: name) { return operation }
      report(
        .unknownOperation, "source '\(source)' has no operation '\(name)'", at: id,
        label: "no such operationId",
        hint: index.closestOperationId(to: name).map { "did you mean '\($0)'?" })
      return nil
    case .bare(let name):
      let matches = sources.operations(withId: name)
      let openAPI = openAPISourceNames
      if matches.count > 1 {
        report(
          .ambiguousOperation,
          "operationId '\(name)' is declared by \(matches.count) sources: \(matches.map(\.source).joined(separator: ", "))",
          at: id, hint: "write '$sourceDescriptions.\(matches[0].source).\(name)'",
          fixIt: FixIt(
            span: id.span, replacement: "$sourceDescriptions.\(matches[0].source).\(name)"))
        return nil
      }
      if let match = matches.first {
        if openAPI.count > 1 {
          report(
            .qualifiedOperationRequired,
            "with \(openAPI.count) OpenAPI sources, operationId '\(name)' must name its source",
            at: id, hint: "write '$sourceDescriptions.\(match.source).\(name)'",
            fixIt: FixIt(span: id.span, replacement: "$sourceDescriptions.\(match.source).\(name)"))
        }
        return match.operation
      }
      if openAPI.count > 1 {
        // Some sources were not loaded, but the rule needs only their number.
        report(
          .qualifiedOperationRequired,
          "with \(openAPI.count) OpenAPI sources, operationId '\(name)' must name its source",
          at: id,
          hint:
            "write '$sourceDescriptions.<source>.\(name)' (sources: \(openAPI.joined(separator: ", ")))"
        )
        return nil
      }
      let available = openAPI.compactMap { source in
        sources.openAPIIndex(named: source).map { (source, $0) }
      }
      guard available.count == openAPI.count else { return nil }  // some source was not loaded
      reportUnknownOperation(name, at: id, among: available)
      return nil
    case .operationPath:
      return nil
    }
  }

  private func reportUnknownOperation(
    _ name: String, at id: Located<String>, among indexes: [(String, OpenAPIIndex)]
  ) {
    // `source.operationId`: a common mistake for the qualified form.
    if let dot = name.firstIndex(of: "."),
      let (source, index) = indexes.first(where: { $0.0 == String(name[..<dot]) }),
      index.operation(id: String(name[name.index(after: dot)...])) != nil
    {
      let fixed = "$sourceDescriptions.\(source).\(name[name.index(after: dot)...])"
      report(
        .unknownOperation, "no operation '\(name)'; a source is named with $sourceDescriptions",
        at: id, hint: "write '\(fixed)'", fixIt: FixIt(span: id.span, replacement: fixed))
      return
    }
    let all = indexes.flatMap { $0.1.operationIds }
    let names = indexes.map { "'\($0.0)'" }.joined(separator: ", ")
    report(
      .unknownOperation,
      indexes.isEmpty
        ? "operationId '\(name)' cannot resolve: the document has no OpenAPI source"
        : "no operation '\(name)' in source\(indexes.count == 1 ? "" : "s") \(names)",
      at: id, label: "no such operationId", hint: suggestion(for: name, among: all))
  }

  /// The loaded source named `name`, reporting an unknown name; nil also when unavailable.
  private func sourceEntry(_ name: String, at located: Located<String>) -> LoadedSource? {
    guard let entry = sources?.sources[name] else {
      let names = document.sourceDescriptions.map(\.name.value)
      if !names.contains(name) {
        report(
          .unknownSource, "no source description named '\(name)'", at: located,
          hint: suggestion(for: name, among: names) ?? "sources: \(names.joined(separator: ", "))")
      }
      return nil
    }
    if case .unavailable = entry { return nil }
    return entry
  }

  // MARK: operationPath

  private func resolveOperationPath(_ path: Located<String>) -> OpenAPIOperation? {
    var text = path.value
    // `$sourceDescriptions.<name>[.url]#/…` without braces: clear intent, the wrong form.
    if text.hasPrefix("$sourceDescriptions."), let hash = text.firstIndex(of: "#") {
      var head = String(text[..<hash])
      if !head.hasSuffix(".url") { head += ".url" }
      let fixed = "{\(head)}\(text[hash...])"
      report(
        .invalidOperationPath, .warning,
        "operationPath names its source without braces; it is read as '\(fixed)'", at: path,
        fixIt: FixIt(span: path.span, replacement: fixed))
      text = fixed
    }
    guard
      case .operationPath(let source, let url, let fragment)? =
        TargetReference.parseOperationPath(text)
    else {
      report(
        .invalidOperationPath,
        "operationPath must be '{$sourceDescriptions.<name>.url}#<JSON Pointer to an operation>'",
        at: path, hint: "for example '{$sourceDescriptions.api.url}#/paths/~1pets/get'")
      return nil
    }
    var sourceName = source
    if sourceName == nil, let url {
      sourceName = document.sourceDescriptions.first { $0.url.value == url }?.name.value
      if let name = sourceName {
        report(
          .invalidOperationPath, .warning,
          "operationPath names its source by URL; write it as a runtime expression",
          at: path, hint: "'{$sourceDescriptions.\(name).url}#\(fragment)'")
      }
    }
    guard let sourceName else {
      report(
        .invalidOperationPath,
        "operationPath must start with '{$sourceDescriptions.<name>.url}'", at: path)
      return nil
    }
    guard let entry = sourceEntry(sourceName, at: path), let index = entry.openapi else {
      return nil
    }
    let resolution = index.resolveOperationPath(fragment: fragment)
    if let operation = resolution.operation { return operation }
    var hint: String?
    if case .pathItem(_, let methods) = resolution, let first = methods.first {
      hint = "append the method: '…#\(fragment)/\(first)'"
    }
    report(
      .invalidOperationPath,
      "operationPath does not point at an operation: \(resolution.explanation)",
      at: path, hint: hint)
    return nil
  }

  // MARK: Parameters

  /// Parameters the operation does not declare are sent anyway, with a warning
  /// (docs/semantics.md#parameters).
  private func checkParameters(
    of step: Step, against operation: OpenAPIOperation, in workflow: Workflow
  ) {
    let reserved: Set<String> = ["accept", "content-type", "authorization"]
    for parameter in step.parameters.compactMap(\.inline) {
      guard let location = parameter.location?.value, !parameter.name.isMissing else { continue }
      guard [.path, .query, .header, .cookie].contains(location) else { continue }
      if location == .header && reserved.contains(parameter.name.value.lowercased()) { continue }
      if operation.parameter(named: parameter.name.value, in: location.rawValue) != nil { continue }
      let declared = operation.parameters.filter { $0.location == location.rawValue }.map(\.name)
      let opName =
        operation.operationId ?? "\(operation.method.uppercased()) \(operation.pathTemplate)"
      report(
        .undeclaredParameter,
        "operation '\(opName)' declares no \(location.rawValue) parameter '\(parameter.name.value)'; it is sent anyway",
        at: parameter.name,
        hint: suggestion(for: parameter.name.value, among: declared)
          ?? (declared.isEmpty
            ? nil : "declared \(location.rawValue) parameters: \(declared.joined(separator: ", "))")
      )
    }
  }

  /// A parameter the operation marks `required` (every path parameter is) should be given by the
  /// step or its workflow: a warning, since the spec does not make it an error and some tools fill
  /// parameters in themselves. A step whose parameters cannot all be resolved is not judged.
  private func checkRequiredParameters(
    of step: Step, against operation: OpenAPIOperation, in workflow: Workflow
  ) {
    var given: [(name: String, location: String)] = []
    for item in workflow.parameters + step.parameters {
      let parameter: Parameter?
      switch item {
      case .inline(let p): parameter = p
      case .reusable(let r): parameter = document.components?.parameter(for: r)
      }
      guard let parameter else { return }
      // A parameter without a (valid) `in` has been reported already; it counts for its name.
      given.append((parameter.name.value, parameter.location?.value.rawValue ?? ""))
    }
    let opName =
      operation.operationId ?? "\(operation.method.uppercased()) \(operation.pathTemplate)"
    for declared in operation.parameters where declared.required || declared.location == "path" {
      if given.contains(where: {
        declared.matches(
          name: $0.name, location: $0.location.isEmpty ? declared.location : $0.location)
      }) {
        continue
      }
      let target = step.operationId ?? step.operationPath ?? step.stepId
      report(
        .missingParameter,
        "step '\(step.stepId.value)' does not give the \(declared.location) parameter '\(declared.name)', which operation '\(opName)' requires",
        at: target,
        hint:
          "add `- name: \(declared.name)` with `in: \(declared.location)` and a value to the step's parameters"
      )
    }
  }

  // MARK: Workflows in other documents

  func checkExternalWorkflow(
    source: String, workflowId: String, at reference: Located<String>, what: String
  ) {
    let declared = document.sourceDescription(named: source)?.type?.value
    guard let entry = sourceEntry(source, at: reference) else {
      if let declared, declared != .arazzo {
        report(
          .unknownWorkflow,
          "\(what) '\(reference.value)' names source '\(source)', which is declared '\(declared.rawValue)', not 'arazzo'",
          at: reference, hint: "workflows live in sources of type 'arazzo'")
      }
      return
    }
    guard let arazzo = entry.arazzo else {
      report(
        .unknownWorkflow,
        "\(what) '\(reference.value)' names source '\(source)', which is not an Arazzo document",
        at: reference, hint: "workflows live in sources of type 'arazzo'")
      return
    }
    guard arazzo.workflow(id: workflowId) == nil else { return }
    report(
      .unknownWorkflow, "source '\(source)' has no workflow '\(workflowId)'", at: reference,
      hint: suggestion(for: workflowId, among: arazzo.workflowIds)
        ?? "its workflows: \(arazzo.workflowIds.joined(separator: ", "))")
  }
}
