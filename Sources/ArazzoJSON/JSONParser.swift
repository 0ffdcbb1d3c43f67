/// An error from `JSONParser`, with the 1-based line and column where parsing stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var offset: Int
  public var line: Int
  public var column: Int

  public var description: String { "\(message) at line \(line), column \(column)" }
}

/// A strict RFC 8259 JSON parser that keeps integers and object key order.
///
/// Duplicate object keys are an error; nesting deeper than `maxDepth` is an error rather than a
/// stack overflow.
public struct JSONParser {
  public static let defaultMaxDepth = 512

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0
  private let maxDepth: Int

  private init(bytes: [UInt8], maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  /// Parses one JSON text (surrounding white space allowed).
  public static func parse(
    _ text: String, maxDepth: Int = defaultMaxDepth
  ) throws(JSONParseError)
    -> JSONValue
  {
    try parse(bytes: Array(text.utf8), maxDepth: maxDepth)
  }

  /// Parses one JSON text from UTF-8 bytes.
  public static func parse(
    bytes: [UInt8], maxDepth: Int = defaultMaxDepth
  ) throws(JSONParseError)
    -> JSONValue
  {
    var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
    parser.skipWhitespace()
    let value = try parser.parseValue()
    parser.skipWhitespace()
    if parser.index < parser.bytes.count {
      throw parser.error("unexpected text after the JSON value")
    }
    return value
  }

  private func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
    let offset = min(offset ?? index, bytes.count)
    var line = 1
    var lineStart = 0
    var i = 0
    while i < offset {
      if bytes[i] == UInt8(ascii: "\n") {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    // Columns count Unicode scalars: skip UTF-8 continuation bytes.
    var column = 1
    var j = lineStart
    while j < offset {
      if bytes[j] & 0xC0 != 0x80 { column += 1 }
      j += 1
    }
    return JSONParseError(message: message, offset: offset, line: line, column: column)
  }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw error("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character '\(printable(bytes[index]))'")
    }
  }

  private func printable(_ byte: UInt8) -> String {
    byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: byte)
  }

  private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
    let start = index
    for b in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
      guard index < bytes.count, bytes[index] == b else {
        throw error("invalid literal, expected '\(word)'", at: start)
      }
      index += 1
    }
  }

  private mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
  }

  private mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var object = JSONObject()
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(object)
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error(index < bytes.count ? "expected a string key" : "unexpected end of input")
      }
      let keyStart = index
      let key = try parseString()
      if object.contains(key) { throw error("duplicate key '\(key)'", at: keyStart) }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error("expected ':' after an object key")
      }
      index += 1
      skipWhitespace()
      object[key] = try parseValue()
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input, expected '}'") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(object)
      }
      throw error("expected ',' or '}' in an object")
    }
  }

  private mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var array: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(array)
    }
    while true {
      skipWhitespace()
      array.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end of input, expected ']'") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(array)
      }
      throw error("expected ',' or ']' in an array")
    }
  }

  private mutating func parseString() throws(JSONParseError) -> String {
    let start = index
    index += 1
    var out: [UInt8] = []
    var runStart = index
    while true {
      guard index < bytes.count else { throw error("unterminated string", at: start) }
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        out.append(contentsOf: bytes[runStart..<index])
        index += 1
        break
      }
      if b < 0x20 { throw error("control character in a string must be escaped") }
      if b == UInt8(ascii: "\\") {
        out.append(contentsOf: bytes[runStart..<index])
        index += 1
        guard index < bytes.count else { throw error("unterminated string", at: start) }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try parseHex4()
          if (0xD800..<0xDC00).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in \\u escape") }
            index += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00..<0xE000).contains(scalar) {
            throw error("unpaired surrogate in \\u escape")
          }
          guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw error("invalid escape '\\\(printable(e))'", at: index - 2)
        }
        runStart = index
        continue
      }
      index += 1
    }
    guard let s = String(validating: out, as: UTF8.self) else {
      throw error("string is not valid UTF-8", at: start)
    }
    return s
  }

  private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      let d: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      v = v * 16 + d
      index += 1
    }
    return v
  }

  private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    var isInteger = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else {
      throw error("invalid number", at: start)
    }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
      if index < bytes.count, isDigit(bytes[index]) {
        throw error("leading zeros are not allowed in numbers", at: start)
      }
    } else {
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("expected a digit after '.'")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else {
        throw error("expected a digit in the exponent")
      }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    return JSONValue(numberText: text, isInteger: isInteger)
      ?? .number(0)
  }

  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}

extension JSONValue {
  /// Makes a number from JSON number text: `.integer` when it has no fraction or exponent and
  /// fits in `Int`, `.number` otherwise. Nil when the text is not a number.
  public init?(numberText text: String, isInteger: Bool? = nil) {
    let integral = isInteger ?? !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    if integral, let i = Int(text) {
      self = .integer(i)
    } else if let d = Double(text), d.isFinite {
      self = .number(d)
    } else {
      return nil
    }
  }
}

extension String {
  fileprivate init(format byte: UInt8) {
    let hex = String(byte, radix: 16, uppercase: true)
    self = "\\x" + (hex.count == 1 ? "0" + hex : hex)
  }
}
