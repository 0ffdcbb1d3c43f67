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
  /// A trie over pointer tokens; node 0 is the root (the empty pointer). Loading adds one
  /// node per value in O(1) instead of hashing a whole pointer per value.
  private var nodes: [Node] = [Node()]
  public private(set) var count = 0

  private struct Node: Sendable {
    var entry: Entry?
    var children: [String: Int] = [:]
  }

  public init(file: SourceFile) { self.file = file }

  public mutating func record(_ pointer: JSONPointer, _ entry: Entry) {
    var node = 0
    for token in pointer.tokens { node = child(token, of: node) }
    set(entry, at: node)
  }

  public func entry(at pointer: JSONPointer) -> Entry? {
    node(at: pointer).flatMap { nodes[$0].entry }
  }

  /// The span of the value at `pointer`, or of its nearest located ancestor, or the file start.
  public func span(at pointer: JSONPointer) -> SourceSpan {
    var node = 0
    var best = nodes[0].entry?.value
    for token in pointer.tokens {
      guard let next = nodes[node].children[token] else { break }
      node = next
      if let e = nodes[node].entry { best = e.value }
    }
    return best ?? SourceSpan(start: SourceLocation(file: file, line: 1, column: 1))
  }

  /// The span of the key that holds `pointer`'s value, falling back to `span(at:)`.
  public func keySpan(at pointer: JSONPointer) -> SourceSpan {
    entry(at: pointer)?.key ?? span(at: pointer)
  }

  /// Where the text content of the scalar at `pointer` starts (after an opening quote), when
  /// offsets into it map to columns on one line; nil for block scalars and missing values.
  public func contentOrigin(at pointer: JSONPointer) -> SourceLocation? {
    guard let e = entry(at: pointer) else { return nil }
    switch e.style {
    case .plain: return e.value.start
    case .singleQuoted, .doubleQuoted: return e.value.start.advanced(by: 1)
    case .literal, .folded, .collection: return nil
    }
  }

  /// Makes room for about `count` entries (a loader's estimate).
  public mutating func reserveCapacity(_ count: Int) { nodes.reserveCapacity(count) }

  // MARK: Node-level access for the loader

  /// The root node's index.
  static let rootNode = 0

  private func node(at pointer: JSONPointer) -> Int? {
    var node = 0
    for token in pointer.tokens {
      guard let next = nodes[node].children[token] else { return nil }
      node = next
    }
    return node
  }

  /// The node for `token` under `parent`, created when missing.
  mutating func child(_ token: String, of parent: Int) -> Int {
    if let existing = nodes[parent].children[token] { return existing }
    let index = nodes.count
    nodes.append(Node())
    nodes[parent].children[token] = index
    return index
  }

  /// A new node for `token` under `parent`, which the caller knows has none yet.
  mutating func newChild(_ token: String, of parent: Int) -> Int {
    let index = nodes.count
    nodes.append(Node())
    nodes[parent].children[token] = index
    return index
  }

  /// The node for `token` under `parent`, if any.
  func existingChild(_ token: String, of parent: Int) -> Int? { nodes[parent].children[token] }

  func entry(node: Int) -> Entry? { nodes[node].entry }

  mutating func set(_ entry: Entry, at node: Int) {
    if nodes[node].entry == nil { count += 1 }
    nodes[node].entry = entry
  }

  /// Copies the entries below `source` to below `target` (an alias repeating an anchor), up to
  /// `budget` entries; returns how many were copied.
  mutating func copyDescendants(of source: Int, to target: Int, budget: Int) -> Int {
    var copied = 0
    var work = [(source, target)]
    while let (from, to) = work.popLast(), copied < budget {
      for (token, child) in nodes[from].children {
        let copy = self.child(token, of: to)
        if let e = nodes[child].entry {
          set(e, at: copy)
          copied += 1
        }
        work.append((child, copy))
      }
    }
    return copied
  }
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
