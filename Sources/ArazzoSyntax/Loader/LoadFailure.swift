import ArazzoJSON

/// Why a file could not be loaded: every fatal problem found, at least one.
public struct LoadFailure: Error, Sendable, Equatable {
  /// The problems, in the order they were found (a syntax error ends the list).
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

extension Diagnostic {
  /// Codes whose loading messages are fixed wording, never the file's text.
  private static let textFreeCodes: Set<DiagnosticCode> = [
    .yamlSyntax, .notText, .emptyDocument, .tooDeep, .unreadableFile, .refusedFile,
  ]

  /// This problem of a file that failed to load, said without quoting the file: where it is
  /// and the message, or the code's summary when the message may quote the file's text (a
  /// duplicate key, a YAML tag). A file that did not load is not a well-formed source, and
  /// diagnostics never quote such a file: it may be anything a document names.
  public var withoutFileText: String {
    let what = Self.textFreeCodes.contains(code) ? message : code.summary
    guard let start = span?.start else { return "\(what) [\(code.rawValue)]" }
    return "line \(start.line), column \(start.column): \(what) [\(code.rawValue)]"
  }
}
