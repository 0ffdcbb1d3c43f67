import ArazzoJSON

/// Validates Arazzo documents: loading, the model's structure, the official JSON Schema and the
/// spec's semantic rules, in that order, collecting located diagnostics.
public struct Validator: Sendable {
  public var options: ValidationOptions

  public init(options: ValidationOptions = ValidationOptions()) { self.options = options }

  /// Loads and validates the file at `path`.
  public func validate(path: String) -> ValidationReport {
    let (loaded, loadDiagnostics) = DocumentSource.load(path: path)
    guard let loaded else { return ValidationReport(path: path, diagnostics: loadDiagnostics) }
    return validate(loaded, path: path)
  }

  /// Validates an already loaded document.
  public func validate(_ loaded: LoadedDocument, path: String) -> ValidationReport {
    let decoded = ArazzoDocument.decode(loaded)
    var diagnostics = decoded.diagnostics
    guard let document = decoded.document else {
      return ValidationReport(path: path, diagnostics: diagnostics, loaded: loaded)
    }
    let checker = DocumentChecker(
      loaded: loaded, document: document, options: options, flagged: decoded.flaggedPointers)
    checker.run()
    diagnostics += checker.diagnostics
    diagnostics += SchemaCheck.violations(
      of: loaded, version: document.version,
      skipping: decoded.flaggedPointers.union(checker.covered))
    return ValidationReport(
      path: path, diagnostics: deduplicated(diagnostics), loaded: loaded, document: document,
      sources: checker.sources)
  }

  /// Drops exact repeats (same code, position and message), keeping the first.
  private func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var seen = Set<String>()
    return diagnostics.filter { d in
      let key = "\(d.code.rawValue)|\(d.span?.description ?? "")|\(d.message)"
      return seen.insert(key).inserted
    }
  }
}
