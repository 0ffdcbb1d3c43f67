import Foundation

/// An RFC 9485 I-Regexp, checked and translated to an ICU pattern for `BoundedRegex`.
///
/// `match` compiles it anchored at both ends, `search` unanchored. `.` matches any character
/// except `\n` and `\r`, as I-Regexp says (ICU's `.` also stops at U+2028 and others).
final class IRegexp: Sendable {
  private let regex: BoundedRegex

  private init(regex: BoundedRegex) {
    self.regex = regex
  }

  /// Whether the expression matches `subject` (the whole of it when compiled anchored); throws
  /// when the match gave up (see `BoundedRegex`).
  func matches(
    _ subject: String, deadline: ContinuousClock.Instant? = nil
  ) throws(RegexMatchError)
    -> Bool
  {
    try regex.matches(in: subject, deadline: deadline)
  }

  private static let cache = IRegexpCache()

  /// The compiled expression, or nil when `pattern` is not a valid I-Regexp.
  static func compile(_ pattern: String, anchored: Bool) -> IRegexp? {
    if let hit = cache.lookup(pattern, anchored: anchored) { return hit.regex }
    var compiled: IRegexp?
    if let translated = translate(pattern) {
      let icu = anchored ? "\\A(?:" + translated + ")\\z" : translated
      if let regex = try? BoundedRegex(icu) {
        compiled = IRegexp(regex: regex)
      }
    }
    cache.store(compiled, for: pattern, anchored: anchored)
    return compiled
  }

  /// Translates an I-Regexp to ICU syntax, or returns nil when it is not valid I-Regexp.
  static func translate(_ pattern: String) -> String? {
    var translator = IRegexpTranslator(Array(pattern.unicodeScalars))
    return translator.translate()
  }
}

/// A bounded, thread-safe cache of compiled expressions keyed by pattern text.
private final class IRegexpCache: @unchecked Sendable {
  struct Entry {
    var regex: IRegexp?
  }

  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private let limit = 512

  func lookup(_ pattern: String, anchored: Bool) -> Entry? {
    lock.lock()
    defer { lock.unlock() }
    return entries[(anchored ? "A" : "U") + pattern]
  }

  func store(_ regex: IRegexp?, for pattern: String, anchored: Bool) {
    lock.lock()
    defer { lock.unlock() }
    if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
    entries[(anchored ? "A" : "U") + pattern] = Entry(regex: regex)
  }
}

/// A recursive-descent checker of the RFC 9485 grammar that writes the ICU equivalent.
private struct IRegexpTranslator {
  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var output = ""
  private var depth = 0

  init(_ scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    let i = position + ahead
    return i < scalars.count ? scalars[i] : nil
  }

  mutating func translate() -> String? {
    guard regexp(), position == scalars.count else { return nil }
    return output
  }

  private mutating func regexp() -> Bool {
    guard branch() else { return false }
    while peek() == "|" {
      position += 1
      output += "|"
      guard branch() else { return false }
    }
    return true
  }

  private mutating func branch() -> Bool {
    while let s = peek(), s != "|", s != ")" {
      guard piece() else { return false }
    }
    return true
  }

  private mutating func piece() -> Bool {
    guard atom() else { return false }
    switch peek() {
    case "*", "+", "?":
      output.unicodeScalars.append(scalars[position])
      position += 1
    case "{":
      position += 1
      guard let low = digits() else { return false }
      var text = "{" + low
      if peek() == "," {
        position += 1
        text += ","
        if let high = digits() {
          guard let l = Int(low), let h = Int(high), l <= h else { return false }
          text += high
        }
      }
      guard peek() == "}" else { return false }
      position += 1
      output += text + "}"
    default:
      break
    }
    return true
  }

  private mutating func digits() -> String? {
    var text = ""
    while let s = peek(), s >= "0", s <= "9" {
      text.unicodeScalars.append(s)
      position += 1
    }
    return text.isEmpty ? nil : text
  }

  private mutating func atom() -> Bool {
    guard let s = peek() else { return false }
    switch s {
    case "(":
      position += 1
      depth += 1
      guard depth < 256 else { return false }
      output += "(?:"
      guard regexp(), peek() == ")" else { return false }
      position += 1
      depth -= 1
      output += ")"
      return true
    case ".":
      position += 1
      output += "[^\\n\\r]"
      return true
    case "[":
      return classExpression()
    case "^":
      // RFC 9485 makes '^' and '$' ordinary characters, but the JSONPath CTS (and common
      // practice) reads them as anchors at the start and end of the input.
      position += 1
      output += "\\A"
      return true
    case "$":
      position += 1
      output += "\\z"
      return true
    case "\\":
      guard let text = escape(inClass: false) else { return false }
      output += text
      return true
    case ")", "*", "+", "?", "]", "{", "|", "}":
      return false
    default:
      if (0xD800...0xDFFF).contains(s.value) { return false }
      position += 1
      output += Self.literal(s)
      return true
    }
  }

  /// A literal character in ICU syntax, escaped unless it is a letter or digit.
  private static func literal(_ s: Unicode.Scalar) -> String {
    if s.isASCII, s.properties.isAlphabetic || (s >= "0" && s <= "9") { return String(s) }
    if !s.isASCII { return String(s) }
    return "\\x{" + String(s.value, radix: 16) + "}"
  }

  /// Parses a `\…` escape: a single-character escape or `\p{…}`/`\P{…}`.
  private mutating func escape(inClass: Bool) -> String? {
    position += 1
    guard let e = peek() else { return nil }
    position += 1
    switch e {
    case "n": return "\\x{a}"
    case "r": return "\\x{d}"
    case "t": return "\\x{9}"
    case "(", ")", "*", "+", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}":
      return Self.literal(e)
    case "p", "P":
      guard peek() == "{" else { return nil }
      position += 1
      var name = ""
      while let c = peek(), c != "}" {
        name.unicodeScalars.append(c)
        position += 1
      }
      guard peek() == "}", Self.categories.contains(name) else { return nil }
      position += 1
      return "\\" + String(e) + "{" + name + "}"
    default:
      return nil
    }
  }

  private static let categories: Set<String> = [
    "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
    "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "Z", "Zl", "Zp", "Zs",
    "S", "Sc", "Sk", "Sm", "So", "C", "Cc", "Cf", "Cn", "Co",
  ]

  /// Parses `[ [^] ("-" / CCE1) *CCE1 ["-"] ]`.
  private mutating func classExpression() -> Bool {
    position += 1
    var text = "["
    if peek() == "^" {
      position += 1
      text += "^"
    }
    var first = true
    while true {
      guard let s = peek() else { return false }
      if s == "]" {
        if first { return false }
        position += 1
        break
      }
      if s == "-" {
        // A literal '-' is allowed only first or last.
        if first || peek(1) == "]" {
          position += 1
          text += "\\x{2d}"
          first = false
          continue
        }
        return false
      }
      if s == "\\", peek(1) == "p" || peek(1) == "P" {
        guard let e = escape(inClass: true) else { return false }
        text += e
        first = false
        continue
      }
      guard let low = classChar() else { return false }
      if peek() == "-", let next = peek(1), next != "]" {
        position += 1
        guard let high = classChar(), low.value <= high.value else { return false }
        text += Self.classLiteral(low) + "-" + Self.classLiteral(high)
      } else {
        text += Self.classLiteral(low)
      }
      first = false
    }
    output += text + "]"
    return true
  }

  /// Parses one `CCchar`, returning the character it stands for.
  private mutating func classChar() -> Unicode.Scalar? {
    guard let s = peek() else { return nil }
    switch s {
    case "[", "]", "-": return nil
    case "\\":
      guard let e = peek(1) else { return nil }
      position += 2
      switch e {
      case "n": return "\n"
      case "r": return "\r"
      case "t": return "\t"
      case "(", ")", "*", "+", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}": return e
      default: return nil
      }
    default:
      if (0xD800...0xDFFF).contains(s.value) { return nil }
      position += 1
      return s
    }
  }

  private static func classLiteral(_ s: Unicode.Scalar) -> String {
    if s.isASCII, s.properties.isAlphabetic || (s >= "0" && s <= "9") { return String(s) }
    return "\\x{" + String(s.value, radix: 16) + "}"
  }
}
