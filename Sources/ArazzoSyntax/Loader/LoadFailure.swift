import ArazzoJSON

/// Why a file could not be loaded: every fatal problem found, at least one.
public struct LoadFailure: Error, Sendable, Equatable {
  /// The problems, in the order they were found (a syntax error ends the list).
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
