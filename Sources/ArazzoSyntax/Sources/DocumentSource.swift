import ArazzoJSON

/// The one place source loading turns a path into a `LoadedDocument` by default.
public enum DocumentSource {
  /// Loads a YAML or JSON file with `DocumentLoader`; on failure, the diagnostics say why.
  public static func load(path: String) -> (document: LoadedDocument?, diagnostics: [Diagnostic]) {
    switch DocumentLoader.load(path: path) {
    case .success(let doc): return (doc, [])
    case .failure(let failure): return (nil, failure.diagnostics)
    }
  }
}
