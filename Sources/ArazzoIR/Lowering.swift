import ArazzoJSON
import ArazzoSyntax

/// Lowers a validated Arazzo document to a `Program`.
public enum Lowering {
  /// Lowers every workflow of `document`, and every workflow of an Arazzo source it references.
  ///
  /// The document must have passed `Validator` without errors (the callers below and the
  /// runtime run it first); what still cannot be resolved (a source that was not loaded) is
  /// lowered as an unresolved operand with an `AZ3001` warning. The program is nil when lowering
  /// reports an error (an expression that does not compile in an Arazzo source, which the
  /// validator does not read) or the result fails `IRVerifier`.
  public static func lower(
    document: ArazzoDocument, loaded: LoadedDocument, sources: SourceSet,
    options: LoweringOptions = LoweringOptions()
  ) -> (program: Program?, diagnostics: [Diagnostic]) {
    let session = LoweringSession(
      entry: ArazzoSource(location: sources.entryLocation, loaded: loaded, document: document),
      sourceSet: sources, options: options)
    let program = session.run()
    var diagnostics = session.diagnostics
    guard let program, !diagnostics.hasErrors else { return (nil, diagnostics) }
    let problems = IRVerifier.verify(program)
    diagnostics += problems
    return (problems.isEmpty ? program : nil, diagnostics)
  }

  /// Loads and validates the file at `path`, then lowers it; refuses (nil program, the
  /// validation diagnostics) when validation finds errors.
  ///
  /// The diagnostics are the validator's (warnings included) followed by lowering's.
  public static func lower(
    path: String, options: LoweringOptions = LoweringOptions()
  ) -> (
    program: Program?, diagnostics: [Diagnostic]
  ) {
    let (program, diagnostics, _) = lowerWithReport(path: path, options: options)
    return (program, diagnostics)
  }

  /// Like `lower(path:options:)`, also returning the validation report (the model and sources).
  public static func lowerWithReport(
    path: String, options: LoweringOptions = LoweringOptions()
  )
    -> (program: Program?, diagnostics: [Diagnostic], report: ValidationReport)
  {
    let validator = Validator(
      options: ValidationOptions(
        strict: options.strict, sourceOverrides: options.sourceOverrides, root: options.root,
        requireLocalSources: options.requireLocalSources))
    let report = validator.validate(path: path)
    guard report.isValid, let loaded = report.loaded, let document = report.document,
      let sources = report.sources
    else {
      return (nil, report.diagnostics, report)
    }
    let (program, lowering) = lower(
      document: document, loaded: loaded, sources: sources, options: options)
    return (program, report.diagnostics + lowering, report)
  }
}
