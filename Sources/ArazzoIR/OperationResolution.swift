import ArazzoJSON
import ArazzoSyntax

/// Steps' `operationId` and `operationPath` resolved through the source set, as the validator reads
/// them (the fix-ups of docs/semantics.md#operation-path included).
extension LoweringSession {
  /// The step's operation and the span of its target field.
  func operation(of step: Step, in scope: Scope) -> (OperationBinding, SourceSpan?) {
    if step.channelPath != nil || step.action != nil {
      // [1.1] An AsyncAPI step (a channel, or an operation with send/receive): not run.
      let reference = step.channelPath ?? step.operationId ?? step.stepId
      let reason = "AsyncAPI steps are not run"
      unresolved(
        "step '\(step.stepId.value)': \(reason); the step fails when it runs", reference: reference)
      return (.unresolved(reference: reference.value, reason: reason), reference.span)
    }
    if let id = step.operationId {
      return (resolveOperationId(id, in: scope), id.span)
    }
    if let path = step.operationPath {
      return (resolveOperationPath(path, in: scope), path.span)
    }
    let reason = "the step names no operation"
    unresolved("step '\(step.stepId.value)': \(reason)", reference: step.stepId)
    return (.unresolved(reference: step.stepId.value, reason: reason), step.stepId.span)
  }

  private func resolveOperationId(_ id: Located<String>, in scope: Scope) -> OperationBinding {
    switch TargetReference.parseId(id.value) {
    case .qualified(let sourceName, let name):
      guard let index = openAPI(sourceName, for: id, in: scope) else {
        return .unresolved(reference: id.value, reason: reason(sourceName, in: scope))
      }
      guard let operation = index.operation(id: name) else {
        unresolved(
          "source '\(sourceName)' has no operation '\(name)'", reference: id, severity: .error)
        return .unresolved(reference: id.value, reason: "no operation '\(name)'")
      }
      return .resolved(resolved(operation, source: sourceName, index: index, reference: id.value))
    case .operationPath:  // parseId never returns it
      return .unresolved(reference: id.value, reason: "not an operationId")
    case .bare(let name):
      let matches = sourceSet.operations(withId: name, in: scope.location)
      if let match = matches.first, let index = scope.sources[match.source]?.openapi {
        return .resolved(
          resolved(match.operation, source: match.source, index: index, reference: id.value))
      }
      let why = "operationId '\(name)' is not resolved: no loaded OpenAPI source declares it"
      unresolved(why + "; the step fails when it runs", reference: id)
      return .unresolved(reference: id.value, reason: why)
    }
  }

  private func resolveOperationPath(_ path: Located<String>, in scope: Scope) -> OperationBinding {
    var text = path.value
    if text.hasPrefix("$sourceDescriptions."), let hash = text.firstIndex(of: "#") {
      var head = String(text[..<hash])
      if !head.hasSuffix(".url") { head += ".url" }
      text = "{\(head)}\(text[hash...])"
    }
    guard
      case .operationPath(let source, let url, let fragment)? =
        TargetReference.parseOperationPath(text)
    else {
      unresolved("operationPath '\(path.value)' is not resolved", reference: path, severity: .error)
      return .unresolved(reference: path.value, reason: "not an operationPath")
    }
    var sourceName = source
    if sourceName == nil, let url {
      sourceName =
        scope.document.sourceDescriptions.first { $0.url.value == url }?.name.value
        ?? (scope.isEntry ? sourceSet.sourceName(forURL: url, in: scope.document) : nil)
    }
    guard let sourceName else {
      unresolved("operationPath '\(path.value)' names no source", reference: path, severity: .error)
      return .unresolved(reference: path.value, reason: "no source")
    }
    guard let index = openAPI(sourceName, for: path, in: scope) else {
      return .unresolved(reference: path.value, reason: reason(sourceName, in: scope))
    }
    guard let operation = index.resolveOperationPath(fragment: fragment).operation else {
      unresolved(
        "operationPath '\(path.value)' does not point at an operation", reference: path,
        severity: .error)
      return .unresolved(reference: path.value, reason: "not an operation")
    }
    return .resolved(resolved(operation, source: sourceName, index: index, reference: path.value))
  }

  /// The OpenAPI index of a source, reporting why there is none.
  private func openAPI(
    _ name: String, for reference: Located<String>, in scope: Scope
  )
    -> OpenAPIIndex?
  {
    switch scope.sources[name] {
    case .openapi(let index)?: return index
    case .unavailable?:
      unresolved(
        "'\(reference.value)' is not resolved: \(reason(name, in: scope)); the step fails when it runs",
        reference: reference)
    case .arazzo?:
      unresolved(
        "source '\(name)' is an Arazzo document, not OpenAPI", reference: reference,
        severity: .error)
    case nil:
      unresolved("no source description named '\(name)'", reference: reference, severity: .error)
    }
    return nil
  }

  private func reason(_ name: String, in scope: Scope) -> String {
    if case .unavailable(let why)? = scope.sources[name] {
      return "source '\(name)' was not loaded from \(why.location)"
    }
    return "source '\(name)' is not an OpenAPI description"
  }

  private func resolved(
    _ operation: OpenAPIOperation, source: String, index: OpenAPIIndex, reference: String
  ) -> ResolvedOperation {
    ResolvedOperation(
      reference: reference, source: source, operationId: operation.operationId,
      method: operation.method.uppercased(), pathTemplate: operation.pathTemplate,
      servers: operation.servers.isEmpty ? [OpenAPIServer(url: "/")] : operation.servers,
      documentLocation: index.document.file.path, parameters: operation.parameters,
      requestContentTypes: operation.requestBody?.contentTypes ?? [],
      contract: OperationContract(operation, in: index))
  }
}
