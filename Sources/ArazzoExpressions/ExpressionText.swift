import ArazzoJSON

/// The text being parsed as Unicode scalars, plus where its first scalar sits in a file.
///
/// Every parser in this module works on scalar offsets; this type turns an offset into a
/// `SourceSpan`. Columns advance by Unicode scalars, as `SourceLocation` counts them. When the
/// text came from a multi-line scalar and an offset lies past a newline, the span falls back to
/// the origin (the scalar's start), because the file's layout of a folded YAML string is not
/// known here. Without an origin a synthetic `<expr>` file holds the text, so diagnostics still
/// render with carets (and multi-line text gets real line numbers).
struct ExpressionText {
  let text: String
  let scalars: [Unicode.Scalar]
  let origin: SourceLocation
  let synthetic: Bool
  /// Each line break's first scalar and the offset of the line after it, in order: `location`
  /// finds a line by binary search instead of scanning the text from its start (which made a
  /// span per operand cost quadratic time in long conditions).
  private let breaks: [(at: Int, next: Int)]

  init(_ text: String, origin: SourceLocation?) {
    self.text = text
    self.scalars = Array(text.unicodeScalars)
    var breaks: [(at: Int, next: Int)] = []
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "\n" || c == "\r" {
        let at = i
        if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
        breaks.append((at, i + 1))
      }
      i += 1
    }
    self.breaks = breaks
    if let origin {
      self.origin = origin
      self.synthetic = false
    } else {
      self.origin = SourceLocation(file: SourceFile(path: "<expr>", text: text), line: 1, column: 1)
      self.synthetic = true
    }
  }

  var count: Int { scalars.count }

  subscript(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < scalars.count ? scalars[i] : nil }

  /// The text of scalars `start..<end`.
  func slice(_ start: Int, _ end: Int) -> String {
    let lo = max(0, min(start, scalars.count)), hi = max(lo, min(end, scalars.count))
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[lo..<hi])
    return String(s)
  }

  /// The location of scalar `offset`.
  func location(_ offset: Int) -> SourceLocation {
    let end = max(0, min(offset, scalars.count))
    // The number of line breaks that start before `end`.
    var low = 0
    var high = breaks.count
    while low < high {
      let mid = (low + high) / 2
      if breaks[mid].at < end { low = mid + 1 } else { high = mid }
    }
    let line = low
    let column = line == 0 ? end : max(0, end - breaks[line - 1].next)
    if line == 0 { return origin.advanced(by: column) }
    if synthetic {
      return SourceLocation(file: origin.file, line: origin.line + line, column: 1 + column)
    }
    return origin
  }

  /// A span of `length` scalars at `offset` (at least one caret).
  func span(_ offset: Int, length: Int = 1) -> SourceSpan {
    let start = location(offset)
    // A span that crosses a line break (or falls back to the origin) keeps its length but the
    // renderer stops carets at the line's end.
    return SourceSpan(start: start, length: max(length, 1))
  }

  func span(_ range: Range<Int>) -> SourceSpan { span(range.lowerBound, length: range.count) }
}

extension Unicode.Scalar {
  var isSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" }
  var isASCIILetter: Bool { (self >= "a" && self <= "z") || (self >= "A" && self <= "Z") }
  var isASCIIDigit: Bool { self >= "0" && self <= "9" }
  /// RFC 9110 `tchar`.
  var isTChar: Bool {
    isASCIILetter || isASCIIDigit || "!#$%&'*+-.^_`|~".unicodeScalars.contains(self)
  }
}

/// The closest candidate within a small distance, if any.
func closest(to word: String, in candidates: [String]) -> String? {
  let limit = max(2, word.count / 3)
  // The distance is at least the difference in length: a 10 MB word is compared with nothing.
  let length = word.unicodeScalars.count
  let near = candidates.filter { abs($0.unicodeScalars.count - length) <= limit }
  let scored = near.map { ($0, EditDistance.between(word.lowercased(), $0.lowercased())) }.sorted {
    $0.1 < $1.1
  }
  guard let best = scored.first, best.1 <= limit else { return nil }
  return best.0
}

/// Whether `text` is a JSON number (RFC 8259 syntax: optional minus, no leading zeros, no hex,
/// no NaN/Infinity), and its value.
func jsonNumber(_ text: Substring) -> JSONValue? {
  let u = Array(text.utf8)
  var i = 0
  if i < u.count, u[i] == UInt8(ascii: "-") { i += 1 }
  guard i < u.count else { return nil }
  func digit(_ k: Int) -> Bool { k < u.count && u[k] >= 48 && u[k] <= 57 }
  if u[i] == UInt8(ascii: "0") {
    i += 1
  } else if digit(i) {
    while digit(i) { i += 1 }
  } else {
    return nil
  }
  var integral = true
  if i < u.count, u[i] == UInt8(ascii: ".") {
    integral = false
    i += 1
    guard digit(i) else { return nil }
    while digit(i) { i += 1 }
  }
  if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
    integral = false
    i += 1
    if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
    guard digit(i) else { return nil }
    while digit(i) { i += 1 }
  }
  guard i == u.count else { return nil }
  return JSONValue(numberText: String(text), isInteger: integral)
}
