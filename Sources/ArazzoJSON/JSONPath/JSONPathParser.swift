/// A recursive-descent parser for RFC 9535 queries and logical expressions.
///
/// It works on Unicode scalars so that error offsets count scalars, and it checks the function
/// type rules (well-typedness) while it builds the tree.
struct JSONPathParser {
  typealias Syntax = JSONPathSyntax

  let scalars: [Unicode.Scalar]
  var position = 0
  var depth = 0

  /// The deepest nesting of parentheses, negations, function calls and filters allowed.
  static let maxDepth = 128

  /// The largest integer magnitude allowed in indices and slices (I-JSON, 2^53 - 1).
  static let maxInteger = 9_007_199_254_740_991

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  /// An operand of a logical expression before its role is known.
  enum Operand {
    case literal(JSONValue, offset: Int)
    case query(Syntax.Query, offset: Int)
    case function(Syntax.FunctionCall, offset: Int)
    case logical(Syntax.LogicalExpression, offset: Int)
  }

  // MARK: Entry points

  /// Parses a whole query (`$…`), with nothing after it.
  mutating func parseQueryText() throws(JSONPathError) -> Syntax.Query {
    guard peek() == "$" else { throw error("a JSONPath query must start with '$'") }
    position += 1
    let segments = try parseSegments()
    guard atEnd else { throw error("unexpected character '\(current)'") }
    return Syntax.Query(isRelative: false, segments: segments)
  }

  /// Parses a whole logical expression, allowing white space around it.
  mutating func parseLogicalText() throws(JSONPathError) -> Syntax.LogicalExpression {
    skipBlanks()
    let start = position
    let operand = try parseOr()
    let expression = try logical(operand, offset: start)
    skipBlanks()
    guard atEnd else { throw error("unexpected character '\(current)'") }
    return expression
  }

  // MARK: Scanning

  private var atEnd: Bool { position >= scalars.count }
  private var current: Unicode.Scalar { atEnd ? "\0" : scalars[position] }

  func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    let index = position + ahead
    return index < scalars.count ? scalars[index] : nil
  }

  func error(_ message: String, at offset: Int? = nil) -> JSONPathError {
    JSONPathError(
      message: atEnd && offset == nil ? message + " (end of text)" : message,
      offset: offset ?? position)
  }

  static func isBlank(_ s: Unicode.Scalar) -> Bool {
    s == " " || s == "\t" || s == "\n" || s == "\r"
  }

  mutating func skipBlanks() {
    while let s = peek(), Self.isBlank(s) { position += 1 }
  }

  mutating func expect(_ s: Unicode.Scalar, _ what: String) throws(JSONPathError) {
    guard peek() == s else {
      throw error(atEnd ? "expected \(what)" : "expected \(what), found '\(current)'")
    }
    position += 1
  }

  static func isDigit(_ s: Unicode.Scalar?) -> Bool {
    guard let s else { return false }
    return s >= "0" && s <= "9"
  }

  static func isNameFirst(_ s: Unicode.Scalar?) -> Bool {
    guard let s else { return false }
    return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_" || s.value >= 0x80
  }

  static func isNameChar(_ s: Unicode.Scalar?) -> Bool {
    isNameFirst(s) || isDigit(s)
  }

  // MARK: Segments and selectors

  mutating func parseSegments() throws(JSONPathError) -> [Syntax.Segment] {
    var segments: [Syntax.Segment] = []
    while true {
      let save = position
      skipBlanks()
      if peek() == ".", peek(1) == "." {
        position += 2
        if peek() == "[" {
          segments.append(try parseBracketed(isDescendant: true))
        } else if peek() == "*" {
          position += 1
          segments.append(
            Syntax.Segment(isDescendant: true, selectors: [.wildcard], isCompact: true))
        } else if Self.isNameFirst(peek()) {
          segments.append(
            Syntax.Segment(
              isDescendant: true, selectors: [.name(parseShorthand())], isCompact: true))
        } else {
          throw error("expected a member name, '*' or '[' after '..'")
        }
      } else if peek() == "." {
        position += 1
        if peek() == "*" {
          position += 1
          segments.append(
            Syntax.Segment(isDescendant: false, selectors: [.wildcard], isCompact: true))
        } else if Self.isNameFirst(peek()) {
          segments.append(
            Syntax.Segment(
              isDescendant: false, selectors: [.name(parseShorthand())], isCompact: true))
        } else {
          throw error("expected a member name or '*' after '.'")
        }
      } else if peek() == "[" {
        segments.append(try parseBracketed(isDescendant: false))
      } else {
        position = save
        return segments
      }
    }
  }

  mutating func parseShorthand() -> String {
    var name = String.UnicodeScalarView()
    while Self.isNameChar(peek()) {
      name.append(current)
      position += 1
    }
    return String(name)
  }

  mutating func parseBracketed(isDescendant: Bool) throws(JSONPathError) -> Syntax.Segment {
    try expect("[", "'['")
    let open = position
    var selectors: [Syntax.Selector] = []
    while true {
      skipBlanks()
      selectors.append(try parseSelector())
      skipBlanks()
      if peek() == "," {
        position += 1
        continue
      }
      try expect("]", "',' or ']'")
      // The singular-query grammar (`name-segment`, `index-segment`) has no blanks inside `[…]`.
      let isCompact = !Self.isBlank(scalars[open]) && !Self.isBlank(scalars[position - 2])
      return Syntax.Segment(isDescendant: isDescendant, selectors: selectors, isCompact: isCompact)
    }
  }

  mutating func parseSelector() throws(JSONPathError) -> Syntax.Selector {
    switch peek() {
    case "'", "\"":
      return .name(try parseStringLiteral())
    case "*":
      position += 1
      return .wildcard
    case "?":
      position += 1
      skipBlanks()
      let start = position
      let operand = try parseOr()
      return .filter(try logical(operand, offset: start))
    case ":":
      return try parseSlice(start: nil)
    case "-":
      let first = try parseInteger()
      return try indexOrSlice(first)
    default:
      if Self.isDigit(peek()) {
        let first = try parseInteger()
        return try indexOrSlice(first)
      }
      throw error(atEnd ? "expected a selector" : "expected a selector, found '\(current)'")
    }
  }

  mutating func indexOrSlice(_ first: Int) throws(JSONPathError) -> Syntax.Selector {
    let save = position
    skipBlanks()
    if peek() == ":" { return try parseSlice(start: first) }
    position = save
    return .index(first)
  }

  mutating func parseSlice(start: Int?) throws(JSONPathError) -> Syntax.Selector {
    try expect(":", "':'")
    skipBlanks()
    var end: Int?
    var step: Int?
    if peek() == "-" || Self.isDigit(peek()) {
      end = try parseInteger()
      skipBlanks()
    }
    if peek() == ":" {
      position += 1
      skipBlanks()
      if peek() == "-" || Self.isDigit(peek()) { step = try parseInteger() }
    }
    return .slice(start: start, end: end, step: step)
  }

  /// Parses `int = "0" / ["-"] DIGIT1 *DIGIT` within the I-JSON range.
  mutating func parseInteger() throws(JSONPathError) -> Int {
    let start = position
    var negative = false
    if peek() == "-" {
      negative = true
      position += 1
    }
    guard Self.isDigit(peek()) else { throw error("expected a digit") }
    if current == "0" {
      if negative { throw error("'-0' is not a valid integer", at: start) }
      position += 1
      if Self.isDigit(peek()) { throw error("leading zeros are not allowed", at: start) }
      return 0
    }
    var magnitude = 0
    while Self.isDigit(peek()) {
      magnitude = magnitude * 10 + Int(current.value - 48)
      if magnitude > Self.maxInteger {
        throw error("integer is out of range ±(2^53-1)", at: start)
      }
      position += 1
    }
    return negative ? -magnitude : magnitude
  }

  // MARK: Literals

  mutating func parseStringLiteral() throws(JSONPathError) -> String {
    let quote = current
    position += 1
    var out = String.UnicodeScalarView()
    while true {
      guard let s = peek() else { throw error("unterminated string literal") }
      if s == quote {
        position += 1
        return String(out)
      }
      if s == "\\" {
        position += 1
        guard let e = peek() else { throw error("unterminated string literal") }
        position += 1
        switch e {
        case "b": out.append("\u{08}")
        case "f": out.append("\u{0C}")
        case "n": out.append("\n")
        case "r": out.append("\r")
        case "t": out.append("\t")
        case "/": out.append("/")
        case "\\": out.append("\\")
        case "'", "\"":
          guard e == quote else { throw error("invalid escape '\\\(e)'", at: position - 2) }
          out.append(e)
        case "u": out.append(try parseUnicodeEscape())
        default: throw error("invalid escape '\\\(e)'", at: position - 2)
        }
        continue
      }
      if s.value < 0x20 { throw error("control characters must be escaped in string literals") }
      out.append(s)
      position += 1
    }
  }

  mutating func parseHex4() throws(JSONPathError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let s = peek(), s.isASCII, let digit = Int(String(s), radix: 16) else {
        throw error("expected four hexadecimal digits")
      }
      value = value * 16 + UInt32(digit)
      position += 1
    }
    return value
  }

  mutating func parseUnicodeEscape() throws(JSONPathError) -> Unicode.Scalar {
    let start = position - 2
    let high = try parseHex4()
    if (0xDC00...0xDFFF).contains(high) {
      throw error("unpaired low surrogate in escape", at: start)
    }
    if (0xD800...0xDBFF).contains(high) {
      guard peek() == "\\", peek(1) == "u" else {
        throw error("high surrogate must be followed by a low surrogate escape", at: start)
      }
      position += 2
      let low = try parseHex4()
      guard (0xDC00...0xDFFF).contains(low) else {
        throw error("high surrogate must be followed by a low surrogate escape", at: start)
      }
      let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
      guard let scalar = Unicode.Scalar(value) else { throw error("invalid escape", at: start) }
      return scalar
    }
    guard let scalar = Unicode.Scalar(high) else { throw error("invalid escape", at: start) }
    return scalar
  }

  /// Parses `number = (int / "-0") [frac] [exp]`.
  mutating func parseNumber() throws(JSONPathError) -> JSONValue {
    let start = position
    var text = ""
    if peek() == "-" {
      text.append("-")
      position += 1
    }
    guard Self.isDigit(peek()) else { throw error("expected a digit") }
    if current == "0" {
      text.append("0")
      position += 1
      if Self.isDigit(peek()) { throw error("leading zeros are not allowed", at: start) }
    } else {
      while Self.isDigit(peek()) {
        text.unicodeScalars.append(current)
        position += 1
      }
    }
    var integral = true
    if peek() == "." {
      integral = false
      text.append(".")
      position += 1
      guard Self.isDigit(peek()) else { throw error("expected a digit after '.'") }
      while Self.isDigit(peek()) {
        text.unicodeScalars.append(current)
        position += 1
      }
    }
    if peek() == "e" || peek() == "E" {
      integral = false
      text.append("e")
      position += 1
      if peek() == "+" || peek() == "-" {
        text.unicodeScalars.append(current)
        position += 1
      }
      guard Self.isDigit(peek()) else { throw error("expected a digit in the exponent") }
      while Self.isDigit(peek()) {
        text.unicodeScalars.append(current)
        position += 1
      }
    }
    if text == "-0" { return .integer(0) }
    if let value = JSONValue(numberText: text, isInteger: integral) { return value }
    if let d = Double(text) { return .number(d) }
    throw error("invalid number", at: start)
  }
}
