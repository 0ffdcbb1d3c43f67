import Foundation

/// A compiled `pattern`, translated from ECMA-262 syntax to ICU where the two differ.
final class SchemaRegex: @unchecked Sendable {
  /// The pattern as written in the schema.
  let source: String
  private let regex: NSRegularExpression

  init(_ source: String) throws(JSONSchemaError) {
    self.source = source
    do {
      regex = try NSRegularExpression(pattern: SchemaRegex.translate(source), options: [])
    } catch {
      throw JSONSchemaError(message: "invalid regular expression '\(source)'")
    }
  }

  /// Whether the pattern matches anywhere in `text` (patterns are not anchored).
  func matches(_ text: String) -> Bool {
    let range = NSRange(location: 0, length: text.utf16.count)
    return regex.firstMatch(in: text, options: [], range: range) != nil
  }

  /// Rewrites ECMA-only meanings: ASCII `\d`/`\w`, and `$` that matches only at the very end.
  static func translate(_ pattern: String) -> String {
    var out = ""
    var inClass = false
    var it = pattern.makeIterator()
    while let c = it.next() {
      switch c {
      case "\\":
        guard let next = it.next() else {
          out.append("\\")
          break
        }
        switch (next, inClass) {
        case ("d", false): out += "[0-9]"
        case ("D", false): out += "[^0-9]"
        case ("w", false): out += "[A-Za-z0-9_]"
        case ("W", false): out += "[^A-Za-z0-9_]"
        case ("d", true): out += "0-9"
        case ("w", true): out += "A-Za-z0-9_"
        default:
          out.append("\\")
          out.append(next)
        }
      case "[" where !inClass:
        inClass = true
        out.append(c)
      case "]" where inClass:
        inClass = false
        out.append(c)
      case "$" where !inClass:
        out += "\\z"
      default:
        out.append(c)
      }
    }
    return out
  }
}
