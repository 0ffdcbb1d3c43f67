import ArazzoJSON

/// Runs the spec's semantic checks over one decoded document.
///
/// Each family of checks lives in its own extension file. Every check reports through
/// `report`, which also records the pointer it judged so the JSON Schema pass does not repeat it.
final class DocumentChecker {
  let loaded: LoadedDocument
  let document: ArazzoDocument
  let options: ValidationOptions
  /// Pointers the decoder already reported.
  let flagged: Set<JSONPointer>
  private(set) var diagnostics: [Diagnostic] = []
  /// Pointers a semantic check has judged (reported or accepted on purpose).
  var covered: Set<JSONPointer> = []
  /// The loaded source descriptions (set by `loadSources`).
  var sources: SourceSet?

  init(
    loaded: LoadedDocument, document: ArazzoDocument, options: ValidationOptions,
    flagged: Set<JSONPointer>
  ) {
    self.loaded = loaded
    self.document = document
    self.options = options
    self.flagged = flagged
  }

  func run() {
    loadSources()
    checkIdentities()
    checkStructure()
    checkReferences()
    checkOperations()
    checkExpressions()
  }

  // MARK: Reporting

  func report(
    _ code: DiagnosticCode, _ severity: Severity? = nil, _ message: String,
    at located: Located<String>, label: String? = nil, notes: [DiagnosticNote] = [],
    hint: String? = nil, fixIt: FixIt? = nil
  ) {
    report(
      code, severity, message, span: located.span, pointer: located.pointer, label: label,
      notes: notes, hint: hint, fixIt: fixIt)
  }

  func report(
    _ code: DiagnosticCode, _ severity: Severity? = nil, _ message: String, span: SourceSpan,
    pointer: JSONPointer?, label: String? = nil, notes: [DiagnosticNote] = [],
    hint: String? = nil, fixIt: FixIt? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        code, severity, message, at: span, label: label, notes: notes, hint: hint, fixIt: fixIt))
    if let pointer { covered.insert(pointer) }
  }

  func report(
    _ code: DiagnosticCode, _ message: String, at located: Located<String>, label: String? = nil,
    notes: [DiagnosticNote] = [], hint: String? = nil, fixIt: FixIt? = nil
  ) {
    report(code, nil, message, at: located, label: label, notes: notes, hint: hint, fixIt: fixIt)
  }

  func report(
    _ code: DiagnosticCode, _ message: String, span: SourceSpan, pointer: JSONPointer?,
    label: String? = nil, notes: [DiagnosticNote] = [], hint: String? = nil, fixIt: FixIt? = nil
  ) {
    report(
      code, nil, message, span: span, pointer: pointer, label: label, notes: notes, hint: hint,
      fixIt: fixIt)
  }

  /// Adds a diagnostic produced elsewhere (the expression parser).
  func report(_ diagnostic: Diagnostic, pointer: JSONPointer?) {
    diagnostics.append(diagnostic)
    if let pointer { covered.insert(pointer) }
  }

  /// The span of the value at `pointer`.
  func span(_ pointer: JSONPointer) -> SourceSpan { loaded.map.span(at: pointer) }

  /// The span of the key holding the value at `pointer`.
  func keySpan(_ pointer: JSONPointer) -> SourceSpan { loaded.map.keySpan(at: pointer) }

  /// " did you mean 'x'?" style hint, or nil.
  func suggestion(for name: String, among candidates: [String]) -> String? {
    EditDistance.suggestion(for: name, among: candidates).map { "did you mean '\($0)'?" }
  }
}
