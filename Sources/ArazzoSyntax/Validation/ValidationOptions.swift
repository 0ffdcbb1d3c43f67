/// What `Validator` checks and how strictly.
public struct ValidationOptions: Sendable {
  /// Read the document by the letter of the spec: the seed's quirks (jsonpath comparisons,
  /// unbraced expressions) become errors instead of warnings.
  public var strict: Bool
  /// Replacement locations for source descriptions, by name: a file path or a URL.
  public var sourceOverrides: [String: String]
  /// The folder tree the document may read files in (`--root`); nil: the default of
  /// `FileAccess` (its repository, else the current directory, else its folder).
  public var root: String?
  /// A local source that is missing or does not load is an error (always under `strict`;
  /// `run` and `debug` ask for it too).
  public var requireLocalSources: Bool

  public init(
    strict: Bool = false, sourceOverrides: [String: String] = [:], root: String? = nil,
    requireLocalSources: Bool = false
  ) {
    self.strict = strict
    self.sourceOverrides = sourceOverrides
    self.root = root
    self.requireLocalSources = requireLocalSources || strict
  }
}
