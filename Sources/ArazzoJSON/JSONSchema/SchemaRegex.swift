import Foundation

/// A compiled `pattern`, translated from ECMA-262 syntax to ICU where the two differ and matched
/// by `BoundedRegex`.
///
/// Common simple shapes (`^x-`, `^[A-Za-z0-9_\-]+$`, `^(a|b)$`) are matched without the regex
/// engine (no UTF-16 copy of the text).
final class SchemaRegex: Sendable {
  /// A pattern shape matched directly.
  private enum Shortcut {
    /// `^literal`
    case prefix(String)
    /// `^[class]+$` or `^[class]*$` over ASCII.
    case run(Set<UInt8>, allowsEmpty: Bool)
    /// `^(a|b|c)$` with literal alternatives.
    case oneOf(Set<String>)
  }

  /// The pattern as written in the schema.
  let source: String
  private let regex: BoundedRegex
  private let shortcut: Shortcut?

  init(_ source: String) throws(JSONSchemaError) {
    self.source = source
    do {
      regex = try BoundedRegex(SchemaRegex.translate(source))
    } catch {
      throw JSONSchemaError(message: "invalid regular expression '\(source)'")
    }
    shortcut = SchemaRegex.shortcut(for: source)
  }

  /// Whether the pattern matches anywhere in `text` (patterns are not anchored); throws when the
  /// match gave up.
  func matches(_ text: String) throws(RegexMatchError) -> Bool {
    switch shortcut {
    case .prefix(let literal):
      return text.utf8.starts(with: literal.utf8)
    case .run(let allowed, let allowsEmpty):
      return (allowsEmpty || !text.isEmpty) && text.utf8.allSatisfy { allowed.contains($0) }
    case .oneOf(let literals):
      return literals.contains(text)
    case nil:
      return try regex.matches(in: text)
    }
  }

  private static let special: Set<Character> = [
    "\\", ".", "[", "]", "{", "}", "(", ")", "*", "+",
    "?", "^", "$", "|",
  ]

  private static func shortcut(for pattern: String) -> Shortcut? {
    guard pattern.hasPrefix("^") else { return nil }
    let body = pattern.dropFirst()
    if !body.isEmpty, body.allSatisfy({ $0.isASCII && !special.contains($0) }) {
      return .prefix(String(body))
    }
    if body.hasPrefix("("), body.hasSuffix(")$") {
      let inner = body.dropFirst().dropLast(2)
      let parts = inner.split(separator: "|", omittingEmptySubsequences: false)
      if parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && !special.contains($0) } })
      {
        return .oneOf(Set(parts.map(String.init)))
      }
      return nil
    }
    guard body.hasPrefix("["), body.hasSuffix("]+$") || body.hasSuffix("]*$") else { return nil }
    let allowsEmpty = body.hasSuffix("*$")
    let inner = Array(body.dropFirst().dropLast(3).utf8)
    guard !inner.isEmpty, inner[0] != UInt8(ascii: "^") else { return nil }
    var allowed: Set<UInt8> = []
    var i = 0
    func next() -> UInt8? {
      guard i < inner.count else { return nil }
      var c = inner[i]
      i += 1
      if c == UInt8(ascii: "\\") {
        guard i < inner.count else { return nil }
        c = inner[i]
        i += 1
        // Only escaped punctuation is a plain character; \d, \w and friends are classes.
        let isLetterOrDigit = (c >= 48 && c <= 57) || (c | 0x20 >= 97 && c | 0x20 <= 122)
        return isLetterOrDigit ? nil : c
      }
      if c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c >= 0x80 { return nil }
      return c
    }
    while i < inner.count {
      let isEscape = inner[i] == UInt8(ascii: "\\")
      guard let low = next() else { return nil }
      if !isEscape, low == UInt8(ascii: "-"), i > 1, i < inner.count { return nil }
      if i + 1 < inner.count, inner[i] == UInt8(ascii: "-") {
        i += 1
        guard let high = next(), high >= low else { return nil }
        for c in low...high { allowed.insert(c) }
      } else {
        allowed.insert(low)
      }
    }
    return .run(allowed, allowsEmpty: allowsEmpty)
  }

  /// Rewrites ECMA-only meanings: ASCII `\d`/`\w`, `\s` with U+FEFF, `$` only at the very end.
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
        case ("s", false): out += "[\\s\\x{FEFF}]"
        case ("S", false): out += "[^\\s\\x{FEFF}]"
        case ("s", true): out += "\\s\\x{FEFF}"
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
