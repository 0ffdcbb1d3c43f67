import ArazzoExpressions
import ArazzoJSON

// Compiling document text once, the same way for the validator and for lowering.

extension Criterion {
  /// The criterion compiled (parsed once), its parts located where their text starts in the
  /// document `map` describes: the one way the validator and lowering both compile criteria,
  /// so a criterion means the same to both. Problems go to `diagnostics`.
  public func compiled(
    in map: SourceMap, options: CriterionOptions, diagnostics: inout [Diagnostic]
  ) -> CompiledCriterion {
    let kind: ArazzoExpressions.Criterion.Kind
    switch self.kind {
    case .simple: kind = .simple
    case .regex: kind = .regex
    case .jsonpath: kind = .jsonpath
    case .xpath: kind = .xpath
    }
    let typeOrigin = (version ?? type.map { $0.map { $0.rawValue } })
      .flatMap { map.contentOrigin(at: $0.pointer) }
    let spec = ArazzoExpressions.Criterion(
      context: context?.value, condition: condition.value, type: kind, version: version?.value,
      contextOrigin: context.map(map.origin(of:)), conditionOrigin: map.origin(of: condition),
      typeOrigin: typeOrigin)
    return CompiledCriterion.compile(spec, options: options, diagnostics: &diagnostics)
  }
}

extension Located where Value == JSONValue {
  /// A parameter value, payload or replacement value compiled as a literal, an expression or a
  /// `{$…}` template, its expressions located in the document `map` describes: the one way the
  /// validator and lowering both compile values.
  public func compiledTemplate(
    in map: SourceMap, options: ValueTemplate.Options, diagnostics: inout [Diagnostic]
  ) -> ValueTemplate {
    ValueTemplate.compile(
      value, options: options,
      locate: { relative in
        map.contentOrigin(at: JSONPointer(tokens: pointer.tokens + relative.tokens))
      },
      diagnostics: &diagnostics)
  }
}

extension SourceMap {
  /// Where the text of a located string starts (after an opening quote), or its span's start:
  /// the origin to give a parser of that text, so its errors point into the document.
  public func origin(of located: Located<String>) -> SourceLocation {
    contentOrigin(at: located.pointer) ?? located.span.start
  }
}
