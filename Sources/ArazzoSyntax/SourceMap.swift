import ArazzoJSON

/// How a YAML scalar was written; decides how offsets inside its text map to columns.
public enum ScalarStyle: Sendable, Equatable {
  /// Not a scalar (a mapping or sequence), or a JSON value from a non-YAML source.
  case collection
  case plain
  case singleQuoted
  case doubleQuoted
  case literal
  case folded
}

/// Where every value of a loaded document came from, keyed by JSON Pointer.
///
/// The loader fills it while converting the YAML node tree, so the value tree itself stays a
/// plain `JSONValue` and every consumer (schema validator, model decoder, lowering) can turn the
/// pointer it already has into a file:line:col.
public struct SourceMap: Sendable {
  /// The located parts of one value.
  public struct Entry: Sendable, Equatable {
    /// The mapping key that holds the value (nil for the root and array elements).
    public var key: SourceSpan?
    /// The value's own position; for a scalar, the span covers its text on its first line.
    public var value: SourceSpan
    public var style: ScalarStyle

    public init(key: SourceSpan?, value: SourceSpan, style: ScalarStyle) {
      self.key = key
      self.value = value
      self.style = style
    }
  }

  public let file: SourceFile
  private var entries: [JSONPointer: Entry] = [:]

  public init(file: SourceFile) { self.file = file }

  public mutating func record(_ pointer: JSONPointer, _ entry: Entry) { entries[pointer] = entry }

  public func entry(at pointer: JSONPointer) -> Entry? { entries[pointer] }

  /// The span of the value at `pointer`, or of its nearest located ancestor, or the file start.
  public func span(at pointer: JSONPointer) -> SourceSpan {
    var p = pointer
    while true {
      if let e = entries[p] { return e.value }
      if p.tokens.isEmpty { break }
      p.tokens.removeLast()
    }
    return SourceSpan(start: SourceLocation(file: file, line: 1, column: 1))
  }

  /// The span of the key that holds `pointer`'s value, falling back to `span(at:)`.
  public func keySpan(at pointer: JSONPointer) -> SourceSpan {
    entries[pointer]?.key ?? span(at: pointer)
  }

  /// Where the text content of the scalar at `pointer` starts (after an opening quote), when
  /// offsets into it map to columns on one line; nil for block scalars and missing values.
  public func contentOrigin(at pointer: JSONPointer) -> SourceLocation? {
    guard let e = entries[pointer] else { return nil }
    switch e.style {
    case .plain: return e.value.start
    case .singleQuoted, .doubleQuoted: return e.value.start.advanced(by: 1)
    case .literal, .folded, .collection: return nil
    }
  }

  public var count: Int { entries.count }
}

/// A loaded YAML or JSON file: its text, its value tree and where each value came from.
public struct LoadedDocument: Sendable {
  public let file: SourceFile
  public let root: JSONValue
  public let map: SourceMap

  public init(file: SourceFile, root: JSONValue, map: SourceMap) {
    self.file = file
    self.root = root
    self.map = map
  }
}
