/// A recursive-descent parser for RFC 9535 queries and logical expressions.
///
/// It works on Unicode scalars so that error offsets count scalars, and it checks the function
/// type rules (well-typedness) while it builds the tree.
struct JSONPathParser {
  typealias Syntax = JSONPathSyntax

  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var depth = 0

  /// The deepest nesting of parentheses, negations, function calls and filters allowed.
  static let maxDepth = 128

  /// The largest integer magnitude allowed in indices and slices (I-JSON, 2^53 - 1).
  static let maxInteger = 9_007_199_254_740_991

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  /// An operand of a logical expression before its role is known.
  private enum Operand {
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

  private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
    let index = position + ahead
    return index < scalars.count ? scalars[index] : nil
  }

  private func error(_ message: String, at offset: Int? = nil) -> JSONPathError {
    JSONPathError(
      message: atEnd && offset == nil ? message + " (end of text)" : message,
      offset: offset ?? position)
  }

  private static func isBlank(_ s: Unicode.Scalar) -> Bool {
    s == " " || s == "\t" || s == "\n" || s == "\r"
  }

  private mutating func skipBlanks() {
    while let s = peek(), Self.isBlank(s) { position += 1 }
  }

  private mutating func expect(_ s: Unicode.Scalar, _ what: String) throws(JSONPathError) {
    guard peek() == s else {
      throw error(atEnd ? "expected \(what)" : "expected \(what), found '\(current)'")
    }
    position += 1
  }

  private static func isDigit(_ s: Unicode.Scalar?) -> Bool {
    guard let s else { return false }
    return s >= "0" && s <= "9"
  }

  private static func isNameFirst(_ s: Unicode.Scalar?) -> Bool {
    guard let s else { return false }
    return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_" || s.value >= 0x80
  }

  private static func isNameChar(_ s: Unicode.Scalar?) -> Bool {
    isNameFirst(s) || isDigit(s)
  }

  // MARK: Segments and selectors

  private mutating func parseSegments() throws(JSONPathError) -> [Syntax.Segment] {
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

  private mutating func parseShorthand() -> String {
    var name = String.UnicodeScalarView()
    while Self.isNameChar(peek()) {
      name.append(current)
      position += 1
    }
    return String(name)
  }

  private mutating func parseBracketed(isDescendant: Bool) throws(JSONPathError) -> Syntax.Segment {
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

  private mutating func parseSelector() throws(JSONPathError) -> Syntax.Selector {
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

  private mutating func indexOrSlice(_ first: Int) throws(JSONPathError) -> Syntax.Selector {
    let save = position
    skipBlanks()
    if peek() == ":" { return try parseSlice(start: first) }
    position = save
    return .index(first)
  }

  private mutating func parseSlice(start: Int?) throws(JSONPathError) -> Syntax.Selector {
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
  private mutating func parseInteger() throws(JSONPathError) -> Int {
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

  private mutating func parseStringLiteral() throws(JSONPathError) -> String {
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

  private mutating func parseHex4() throws(JSONPathError) -> UInt32 {
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

  private mutating func parseUnicodeEscape() throws(JSONPathError) -> Unicode.Scalar {
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
  private mutating func parseNumber() throws(JSONPathError) -> JSONValue {
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

  // MARK: Logical expressions

  private mutating func parseOr() throws(JSONPathError) -> Operand {
    let start = position
    let first = try parseAnd()
    var operands: [Syntax.LogicalExpression] = []
    while true {
      let save = position
      skipBlanks()
      guard peek() == "|", peek(1) == "|" else {
        position = save
        break
      }
      if operands.isEmpty { operands.append(try logical(first, offset: start)) }
      position += 2
      skipBlanks()
      let offset = position
      operands.append(try logical(try parseAnd(), offset: offset))
    }
    return operands.isEmpty ? first : .logical(.or(operands), offset: start)
  }

  private mutating func parseAnd() throws(JSONPathError) -> Operand {
    let start = position
    let first = try parseComparison()
    var operands: [Syntax.LogicalExpression] = []
    while true {
      let save = position
      skipBlanks()
      guard peek() == "&", peek(1) == "&" else {
        position = save
        break
      }
      if operands.isEmpty { operands.append(try logical(first, offset: start)) }
      position += 2
      skipBlanks()
      let offset = position
      operands.append(try logical(try parseComparison(), offset: offset))
    }
    return operands.isEmpty ? first : .logical(.and(operands), offset: start)
  }

  private mutating func parseComparison() throws(JSONPathError) -> Operand {
    let start = position
    let lhs = try parseOperand()
    let save = position
    skipBlanks()
    guard let op = parseComparisonOperator() else {
      position = save
      return lhs
    }
    skipBlanks()
    let rhs = try parseOperand()
    return .logical(.comparison(try comparable(lhs), op, try comparable(rhs)), offset: start)
  }

  private mutating func parseComparisonOperator() -> Syntax.ComparisonOperator? {
    let two = (peek(), peek(1))
    switch two {
    case ("=", "="):
      position += 2
      return .equal
    case ("!", "="):
      position += 2
      return .notEqual
    case ("<", "="):
      position += 2
      return .lessOrEqual
    case (">", "="):
      position += 2
      return .greaterOrEqual
    case ("<", _):
      position += 1
      return .less
    case (">", _):
      position += 1
      return .greater
    default: return nil
    }
  }

  private mutating func parseOperand() throws(JSONPathError) -> Operand {
    let start = position
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else {
      throw error("expression nests deeper than \(Self.maxDepth) levels")
    }
    guard let s = peek() else { throw error("expected an expression") }
    switch s {
    case "!":
      position += 1
      skipBlanks()
      let inner = position
      if peek() == "(" {
        guard case .logical(let e, _) = try parseOperand() else {
          throw error("expected a parenthesized expression", at: inner)
        }
        return .logical(.not(e), offset: start)
      }
      let operand = try parseOperand()
      switch operand {
      case .query, .function:
        return .logical(.not(try logical(operand, offset: inner)), offset: start)
      default:
        throw error("'!' must be followed by a query, a function or '('", at: inner)
      }
    case "(":
      position += 1
      skipBlanks()
      let inner = position
      let operand = try parseOr()
      let expression = try logical(operand, offset: inner)
      skipBlanks()
      try expect(")", "')'")
      return .logical(expression, offset: start)
    case "@", "$":
      position += 1
      let segments = try parseSegments()
      return .query(Syntax.Query(isRelative: s == "@", segments: segments), offset: start)
    case "'", "\"":
      return .literal(.string(try parseStringLiteral()), offset: start)
    case "-":
      return .literal(try parseNumber(), offset: start)
    default:
      if Self.isDigit(s) { return .literal(try parseNumber(), offset: start) }
      if s >= "a" && s <= "z" {
        var name = String.UnicodeScalarView()
        while let c = peek(), (c >= "a" && c <= "z") || c == "_" || Self.isDigit(c) {
          name.append(c)
          position += 1
        }
        let word = String(name)
        if peek() != "(" {
          switch word {
          case "true": return .literal(.bool(true), offset: start)
          case "false": return .literal(.bool(false), offset: start)
          case "null": return .literal(.null, offset: start)
          default: throw error("expected '(' after function name '\(word)'")
          }
        }
        return .function(try parseFunctionCall(word, offset: start), offset: start)
      }
      throw error("unexpected character '\(s)'")
    }
  }

  private mutating func parseFunctionCall(_ name: String, offset: Int) throws(JSONPathError)
    -> Syntax.FunctionCall
  {
    guard let function = JSONPathFunction(rawValue: name) else {
      throw error("unknown function '\(name)'", at: offset)
    }
    try expect("(", "'('")
    skipBlanks()
    var operands: [(Operand, Int)] = []
    if peek() != ")" {
      while true {
        skipBlanks()
        let argumentStart = position
        operands.append((try parseOr(), argumentStart))
        skipBlanks()
        if peek() == "," {
          position += 1
          continue
        }
        break
      }
    }
    try expect(")", "',' or ')'")
    let parameters = function.parameters
    guard operands.count == parameters.count else {
      throw error(
        "function '\(name)' takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"),"
          + " not \(operands.count)", at: offset)
    }
    var arguments: [Syntax.Argument] = []
    for ((operand, argumentOffset), parameter) in zip(operands, parameters) {
      arguments.append(try argument(operand, for: parameter, in: name, offset: argumentOffset))
    }
    var call = Syntax.FunctionCall(function: function, arguments: arguments, regex: nil)
    if function == .match || function == .search, case .literal(.string(let pattern)) = arguments[1]
    {
      call.regex = IRegexp.compile(pattern, anchored: function == .match)
    }
    return call
  }

  // MARK: Type checks

  private func argument(
    _ operand: Operand, for parameter: JSONPathFunction.ParameterType, in name: String, offset: Int
  ) throws(JSONPathError) -> Syntax.Argument {
    switch (parameter, operand) {
    case (.value, .literal(let v, _)): return .literal(v)
    case (.value, .query(let q, _)):
      guard q.isSingularQuerySyntax else {
        throw error("argument of '\(name)' must be a singular query or a value", at: offset)
      }
      return .query(q)
    case (.value, .function(let f, _)):
      guard f.function.result == .value else {
        throw error("function '\(f.function.rawValue)' does not return a value", at: offset)
      }
      return .function(f)
    case (.nodes, .query(let q, _)): return .query(q)
    case (.nodes, .function(let f, _)):
      guard f.function.result == .nodes else {
        throw error("argument of '\(name)' must be a query", at: offset)
      }
      return .function(f)
    case (.logical, .logical(let e, _)): return .logical(e)
    case (.logical, .query(let q, _)): return .logical(.exists(q))
    case (.logical, .function(let f, _)):
      guard f.function.result != .value else {
        throw error("function '\(f.function.rawValue)' does not return a logical", at: offset)
      }
      return .logical(.function(f))
    case (.value, _): throw error("argument of '\(name)' must be a value", at: offset)
    case (.nodes, _): throw error("argument of '\(name)' must be a query", at: offset)
    case (.logical, _):
      throw error("argument of '\(name)' must be a logical expression", at: offset)
    }
  }

  private func comparable(_ operand: Operand) throws(JSONPathError) -> Syntax.Comparable {
    switch operand {
    case .literal(let v, _): return .literal(v)
    case .query(let q, let offset):
      guard q.isSingularQuerySyntax else {
        throw error("only singular queries can be compared", at: offset)
      }
      return .query(q)
    case .function(let f, let offset):
      guard f.function.result == .value else {
        throw error("the result of '\(f.function.rawValue)' cannot be compared", at: offset)
      }
      return .function(f)
    case .logical(_, let offset):
      throw error("a logical expression cannot be compared", at: offset)
    }
  }

  private func logical(_ operand: Operand, offset: Int) throws(JSONPathError)
    -> Syntax.LogicalExpression
  {
    switch operand {
    case .logical(let e, _): return e
    case .query(let q, _): return .exists(q)
    case .function(let f, let at):
      guard f.function.result != .value else {
        throw error("the result of '\(f.function.rawValue)' must be compared", at: at)
      }
      return .function(f)
    case .literal(_, let at):
      throw error("a literal must be compared with something", at: at)
    }
  }
}
