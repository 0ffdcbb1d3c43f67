import Foundation

/// Where a source description's URL points: a local file or something this layer does not fetch.
enum SourceLocator: Equatable {
  case file(String)
  case remote(String)

  /// Resolves a source `url` (relative path, absolute path, `file://` or remote URL) against
  /// the directory of the document at `base`.
  static func resolve(_ url: String, relativeTo base: String) -> SourceLocator {
    var text = url
    if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
    if let scheme = schemeOf(text) {
      guard scheme == "file", let parsed = URL(string: text), parsed.isFileURL else {
        return .remote(url)
      }
      return .file(parsed.standardizedFileURL.path)
    }
    return .file(ReferenceResolver.resolvePath(text, relativeTo: base))
  }

  /// An override given on the command line, relative to `directory`.
  static func resolveOverride(_ value: String, directory: String) -> SourceLocator {
    if schemeOf(value) != nil { return resolve(value, relativeTo: directory + "/") }
    if value.hasPrefix("/") { return .file(SourceSet.canonicalPath(value)) }
    return .file(
      URL(fileURLWithPath: directory).appendingPathComponent(value).standardizedFileURL.path)
  }

  /// The lower-case URI scheme, when the text starts with one (`https:`), ignoring Windows
  /// drive letters.
  static func schemeOf(_ text: String) -> String? {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    let scheme = text[..<colon]
    guard scheme.count > 1, let first = scheme.first, first.isLetter,
      scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
    else { return nil }
    return scheme.lowercased()
  }
}
