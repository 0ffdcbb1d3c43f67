import ArazzoJSON

extension Workflow {
  /// The workflow's `inputs` schema with every `$ref` inlined, resolved against the Arazzo document
  /// itself (`#/components/inputs/<key>`, docs/semantics.md#input-refs) or files relative to it.
  ///
  /// A reference back into its own chain stays as `$ref`; unresolvable references stay too and
  /// are reported (as warnings located at the `$ref`). Files are read as `access` allows
  /// (default: the document's own tree).
  public func resolvedInputs(
    in loaded: LoadedDocument, access: FileAccess? = nil
  ) -> (
    schema: JSONValue?, diagnostics: [Diagnostic]
  ) {
    guard let inputs else { return (nil, []) }
    let access = access ?? FileAccess(documentAt: loaded.file.path)
    let resolver = ReferenceResolver(
      root: loaded, load: access.guarding(DocumentSource.load(path:)))
    let schema = resolver.inline(inputs.value, in: loaded, at: inputs.pointer)
    return (schema, resolver.diagnostics)
  }
}

extension SourceSet {
  /// The name of the entry document's source whose `url` is `url`, written as in the document or as
  /// the location it resolved to (a literal URL in an `operationPath`,
  /// docs/semantics.md#operation-path).
  public func sourceName(forURL url: String, in document: ArazzoDocument) -> String? {
    if let match = document.sourceDescriptions.first(where: { $0.url.value == url }) {
      return match.name.value
    }
    let wanted =
      SourceLocator.schemeOf(url) == nil || url.hasPrefix("file:")
      ? {
        switch SourceLocator.resolve(url, relativeTo: entryLocation) {
        case .file(let p): return p
        case .remote(let u): return u
        }
      }() : url
    return resolvedLocations.first { $0.value == wanted }?.key
  }
}
