import ArazzoJSON

/// How `SourceSet.load` finds and reads source descriptions.
public struct SourceSetOptions: Sendable {
  /// Replacements for the entry document's sources: name → file path or URL (the CLI's
  /// `--source NAME=FILE|URL`). Relative paths resolve against `overrideBaseDirectory`.
  public var overrides: [String: String]
  /// The directory relative override paths start from (default: the current directory).
  public var overrideBaseDirectory: String?
  /// The folder tree the documents may read files in (default: the entry document's
  /// repository, else its folder; see `FileAccess`).
  public var root: String?
  /// A local source that is missing or does not load is an error, not a warning (`--strict`,
  /// and every `run` or `debug`: a run without its description can only fail).
  public var requireLocalSources: Bool
  /// How far Arazzo sources of Arazzo sources are followed.
  public var maxDepth: Int
  /// Reads a YAML or JSON file.
  public var load: @Sendable (String) -> (document: LoadedDocument?, diagnostics: [Diagnostic])

  public init(
    overrides: [String: String] = [:], overrideBaseDirectory: String? = nil, root: String? = nil,
    requireLocalSources: Bool = false, maxDepth: Int = 16,
    load: @escaping @Sendable (String) -> (document: LoadedDocument?, diagnostics: [Diagnostic]) =
      DocumentSource.load(path:)
  ) {
    self.overrides = overrides
    self.overrideBaseDirectory = overrideBaseDirectory
    self.root = root
    self.requireLocalSources = requireLocalSources
    self.maxDepth = maxDepth
    self.load = load
  }
}
