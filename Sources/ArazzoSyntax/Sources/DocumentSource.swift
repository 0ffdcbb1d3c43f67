import ArazzoJSON

/// The one place this module turns a path into a `LoadedDocument`.
///
/// Source loading and tests go through here, so switching to the located loader is one edit.
public enum DocumentSource {
  /// Loads a YAML or JSON file; on failure, the diagnostics say why.
  public static func load(path: String) -> (document: LoadedDocument?, diagnostics: [Diagnostic]) {
    switch PlainYAMLLoader.load(path: path) {
    case .success(let doc): return (doc, [])
    case .failure(let diagnostic): return (nil, [diagnostic])
    }
  }
}
