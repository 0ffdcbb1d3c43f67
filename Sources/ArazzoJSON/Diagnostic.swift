/// How serious a diagnostic is. Errors make `validate` exit 2; warnings do not (unless `--strict`
/// turns a warning into an error where the code says so).
public enum Severity: String, Sendable, Comparable, CaseIterable {
  case error, warning, note

  private var rank: Int {
    switch self {
    case .error: return 2
    case .warning: return 1
    case .note: return 0
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A suggested edit: replace the text under `span` with `replacement`.
public struct FixIt: Sendable, Equatable {
  public var span: SourceSpan
  public var replacement: String

  public init(span: SourceSpan, replacement: String) {
    self.span = span
    self.replacement = replacement
  }
}

/// A secondary message, optionally pointing somewhere else (e.g. "first defined here").
public struct DiagnosticNote: Sendable, Equatable {
  public var message: String
  public var span: SourceSpan?

  public init(_ message: String, at span: SourceSpan? = nil) {
    self.message = message
    self.span = span
  }
}

/// One located problem: a stable code, a severity, a message, and optional help.
///
/// Wording may change; the code may not. Rendering lives in `DiagnosticRenderer`.
public struct Diagnostic: Sendable, Equatable, Error {
  public var code: DiagnosticCode
  public var severity: Severity
  public var message: String
  /// Where the problem is; nil for whole-input problems with nothing better to point at.
  public var span: SourceSpan?
  /// A short text printed beside the carets.
  public var label: String?
  public var notes: [DiagnosticNote]
  public var hint: String?
  public var fixIt: FixIt?

  public init(
    _ code: DiagnosticCode, _ severity: Severity? = nil, _ message: String, at span: SourceSpan?,
    label: String? = nil, notes: [DiagnosticNote] = [], hint: String? = nil, fixIt: FixIt? = nil
  ) {
    self.code = code
    self.severity = severity ?? code.defaultSeverity
    self.message = message
    self.span = span
    self.label = label
    self.notes = notes
    self.hint = hint
    self.fixIt = fixIt
  }

  /// A diagnostic with its code's default severity.
  public init(
    _ code: DiagnosticCode, _ message: String, at span: SourceSpan?, label: String? = nil,
    notes: [DiagnosticNote] = [], hint: String? = nil, fixIt: FixIt? = nil
  ) {
    self.init(
      code, nil, message, at: span, label: label, notes: notes, hint: hint, fixIt: fixIt)
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// Sorted by file, line and column, keeping the original order among equal positions.
  public func sortedByLocation() -> [Diagnostic] {
    enumerated().sorted { a, b in
      let la = a.element.span?.start
      let lb = b.element.span?.start
      switch (la, lb) {
      case (let x?, let y?):
        if x.file.path != y.file.path { return x.file.path < y.file.path }
        if x.line != y.line { return x.line < y.line }
        if x.column != y.column { return x.column < y.column }
        return a.offset < b.offset
      case (nil, _?): return true
      case (_?, nil): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
  }
}
