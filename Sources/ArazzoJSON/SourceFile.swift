/// The text of one input (a file, a command-line expression) with a line index.
///
/// Locations point into a `SourceFile` so a diagnostic can show the source line without another
/// lookup. The text is immutable, so the class is safe to share.
public final class SourceFile: Sendable {
  /// The name shown in diagnostics: a path as the user gave it, or `<expr>` and the like.
  public let path: String
  public let text: String
  /// Lines without their terminators (`\n`, `\r\n` or `\r`).
  public var lines: [Substring] { bounds.indices.map { line(at: $0) } }
  /// How many lines the text has (a final newline ends the last line; it does not start one).
  public var lineCount: Int {
    bounds.count - (bounds.last?.isEmpty == true && bounds.count > 1 ? 1 : 0)
  }
  /// Each line's UTF-8 offsets, terminator excluded (plain integers: no per-line retains).
  private let bounds: [Range<Int>]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    // Scan UTF-8 code units: iterating Characters costs ~20x more on large files. Both break
    // bytes are ASCII, so every cut lands on a scalar (and Character) boundary.
    let utf8 = text.utf8
    self.bounds =
      utf8.withContiguousStorageIfAvailable(Self.lineBounds)
      ?? Array(utf8).withUnsafeBufferPointer(Self.lineBounds)
  }

  private static func lineBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var bounds: [Range<Int>] = []
    var start = 0
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
        bounds.append(start..<i)
        let crlf =
          b == UInt8(ascii: "\r") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n")
        i += crlf ? 2 : 1
        start = i
      } else {
        i += 1
      }
    }
    bounds.append(start..<bytes.count)
    return bounds
  }

  /// The text of 1-based line `number`, or nil past the end.
  public func line(_ number: Int) -> Substring? {
    guard number >= 1, number <= bounds.count else { return nil }
    return line(at: number - 1)
  }

  private func line(at index: Int) -> Substring {
    let utf8 = text.utf8
    let range = bounds[index]
    let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let end = utf8.index(start, offsetBy: range.count)
    return text[start..<end]
  }
}

/// A position in a source file: 1-based line and column, the column counting Unicode scalars.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
  public let file: SourceFile
  public var line: Int
  public var column: Int

  public init(file: SourceFile, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file.path):\(line):\(column)" }

  /// The location `count` scalars to the right on the same line.
  public func advanced(by count: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column + count)
  }

  public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    lhs.file === rhs.file && lhs.line == rhs.line && lhs.column == rhs.column
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(file))
    hasher.combine(line)
    hasher.combine(column)
  }
}

/// A run of `length` scalars starting at `start`, on one line (carets stop at the line's end).
public struct SourceSpan: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var start: SourceLocation
  public var length: Int

  public init(start: SourceLocation, length: Int = 1) {
    self.start = start
    self.length = max(length, 1)
  }

  public var file: SourceFile { start.file }
  public var description: String { start.description }

  /// A sub-span `offset` scalars in, `length` long (for a part of a single-line scalar).
  public func slice(offset: Int, length: Int) -> SourceSpan {
    SourceSpan(start: start.advanced(by: offset), length: length)
  }
}
