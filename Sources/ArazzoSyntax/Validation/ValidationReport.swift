import ArazzoJSON

/// The outcome of validating one file: its diagnostics, sorted by location, and the model.
public struct ValidationReport: Sendable {
  /// The path as given.
  public var path: String
  public var diagnostics: [Diagnostic]
  /// The loaded text and value tree; nil when the file could not be loaded.
  public var loaded: LoadedDocument?
  /// The decoded model; nil when the file could not be loaded or its root is not an object.
  public var document: ArazzoDocument?
  /// The source descriptions the checks loaded (nil when the model could not be decoded), so
  /// lowering need not load them again.
  public var sources: SourceSet?

  public init(
    path: String, diagnostics: [Diagnostic], loaded: LoadedDocument? = nil,
    document: ArazzoDocument? = nil, sources: SourceSet? = nil
  ) {
    self.path = path
    self.diagnostics = diagnostics.sortedByLocation()
    self.loaded = loaded
    self.document = document
    self.sources = sources
  }

  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
  public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
  /// True when there are no errors (warnings allowed).
  public var isValid: Bool { errorCount == 0 }
}
