import Foundation

/// How an `operationId`, `workflowId` or `operationPath` names its target, split into parts.
///
/// Only the structure is read here; full runtime-expression parsing lives in
/// `ArazzoExpressions`.
public enum TargetReference: Sendable, Equatable {
  /// A plain id (`getRun`): looked up locally or across sources.
  case bare(String)
  /// `$sourceDescriptions.<source>.<name>`.
  case qualified(source: String, name: String)
  /// An `operationPath`: `{$sourceDescriptions.<source>.url}#<fragment>`; `source` is nil when
  /// the part before `#` is a literal URL (`url` then holds it).
  case operationPath(source: String?, url: String?, fragment: String)

  private static let prefix = "$sourceDescriptions."

  /// Reads an `operationId` or `workflowId` value.
  public static func parseId(_ text: String) -> TargetReference {
    guard text.hasPrefix(prefix) else { return .bare(text) }
    let rest = text.dropFirst(prefix.count)
    guard let dot = rest.firstIndex(of: "."), dot != rest.startIndex,
      rest.index(after: dot) != rest.endIndex
    else { return .bare(text) }
    return .qualified(source: String(rest[..<dot]), name: String(rest[rest.index(after: dot)...]))
  }

  /// Reads an `operationPath` value; nil when it has no `#` fragment.
  public static func parseOperationPath(_ text: String) -> TargetReference? {
    guard let hash = text.firstIndex(of: "#") else { return nil }
    let head = text[..<hash].trimmingCharacters(in: .whitespaces)
    let fragment = String(text[text.index(after: hash)...])
    let open = "{" + prefix
    if head.hasPrefix(open), head.hasSuffix(".url}") {
      let name = head.dropFirst(open.count).dropLast(".url}".count)
      if !name.isEmpty, !name.contains(".") {
        return .operationPath(source: String(name), url: nil, fragment: fragment)
      }
    }
    return .operationPath(source: nil, url: head.isEmpty ? nil : head, fragment: fragment)
  }
}
