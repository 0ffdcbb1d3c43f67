import ArazzoJSON
import Foundation
import Yams

/// A stand-in loader: YAML or JSON text to a `LoadedDocument` whose source map is empty.
///
/// Used until the located `DocumentLoader` is available; diagnostics then point at line 1.
enum PlainYAMLLoader {
  /// Reads and parses `path`; the failure is a diagnostic ready to report.
  static func load(path: String) -> Result<LoadedDocument, Diagnostic> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(Diagnostic(.unreadableFile, nil, "cannot read '\(path)'", at: nil))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(Diagnostic(.notText, nil, "'\(path)' is not UTF-8 text", at: nil))
    }
    return load(text: text, path: path)
  }

  /// Parses text already in memory.
  static func load(text: String, path: String) -> Result<LoadedDocument, Diagnostic> {
    let file = SourceFile(path: path, text: text)
    do {
      guard let node = try Yams.compose(yaml: text) else {
        return .failure(Diagnostic(.emptyDocument, nil, "'\(path)' holds no document", at: nil))
      }
      return .success(LoadedDocument(file: file, root: value(node), map: SourceMap(file: file)))
    } catch {
      return .failure(Diagnostic(.yamlSyntax, nil, "\(path): \(error)", at: nil))
    }
  }

  private static func value(_ node: Node) -> JSONValue {
    switch node {
    case .scalar(let s):
      switch Tag.Name(rawValue: node.tag.rawValue) {
      case .null: return .null
      case .bool: return Bool.construct(from: s).map(JSONValue.bool) ?? .string(s.string)
      case .int: return Int.construct(from: s).map(JSONValue.integer) ?? .string(s.string)
      case .float: return Double.construct(from: s).map(JSONValue.number) ?? .string(s.string)
      default: return .string(s.string)
      }
    case .mapping(let m):
      var o = JSONObject()
      for (k, v) in m { o[k.string ?? ""] = value(v) }
      return .object(o)
    case .sequence(let seq):
      return .array(seq.map(value))
    case .alias:
      return .null
    }
  }
}
