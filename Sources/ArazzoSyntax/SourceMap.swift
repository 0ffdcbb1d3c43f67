import ArazzoJSON
import Foundation

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

  /// A compact span in this map's file: 1-based line and column, and a length in scalars
  /// (0: to the end of the line, computed when the span is read).
  struct Mark: Sendable {
    var line: Int32
    var column: Int32
    var length: Int32

    /// No span (an entry without a key).
    static let none = Mark(line: 0, column: 0, length: 0)

    init(line: Int, column: Int, length: Int) {
      self.line = Int32(clamping: line)
      self.column = Int32(clamping: column)
      self.length = Int32(clamping: max(length, 0))
    }
  }

  public let file: SourceFile
  /// The loaded values in document order (a preorder walk), node 0 being the root; each
  /// node's subtree is the run of nodes up to its `end`. Building appends one plain record
  /// per value; lookups walk siblings, and cache a key table for nodes with many children.
  private var nodes: [Node] = [Node()]
  /// The mapping key of each node ("" for the root and array elements).
  private var tokens: [String] = [""]
  /// Entries added by `record(_:_:)`, which may name any pointer in any order.
  private var recorded: [JSONPointer: Entry] = [:]
  private let wideNodes = WideNodeTables()
  public private(set) var count = 0

  private struct Node: Sendable {
    /// One past the last node of this subtree (`Int32.max` while the collection is open).
    var end = Int32.max
    var key = Mark.none
    var value = Mark.none
    var style = ScalarStyle.collection
    var hasEntry = false
    /// Children are array elements (found by position), not mapping members (by key).
    var isArray = false
  }

  public init(file: SourceFile) { self.file = file }

  /// Records `entry` for `pointer` (for maps built by hand; the loader uses node access).
  public mutating func record(_ pointer: JSONPointer, _ entry: Entry) {
    if recorded.updateValue(entry, forKey: pointer) == nil
      && node(at: pointer).flatMap({
        nodes[$0].hasEntry ? $0 : nil
      }) == nil
    {
      count += 1
    }
  }

  public func entry(at pointer: JSONPointer) -> Entry? {
    if !recorded.isEmpty, let e = recorded[pointer] { return e }
    return node(at: pointer).flatMap { entry(node: $0) }
  }

  /// The span of the value at `pointer`, or of its nearest located ancestor, or the file start.
  public func span(at pointer: JSONPointer) -> SourceSpan {
    var best = entry(node: 0)?.value
    if !recorded.isEmpty, let e = recorded[JSONPointer()] { best = e.value }
    var node: Int? = 0
    for (i, token) in pointer.tokens.enumerated() {
      if let parent = node {
        node = child(token, of: parent)
        if let found = node, let e = entry(node: found) { best = e.value }
      }
      if !recorded.isEmpty {
        if let e = recorded[JSONPointer(tokens: Array(pointer.tokens[...i]))] { best = e.value }
      } else if node == nil {
        break
      }
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
  public mutating func reserveCapacity(_ count: Int) {
    nodes.reserveCapacity(count)
    tokens.reserveCapacity(count)
  }

  // MARK: Lookup

  private func end(_ node: Int) -> Int { min(Int(nodes[node].end), nodes.count) }

  private func node(at pointer: JSONPointer) -> Int? {
    var node = 0
    for token in pointer.tokens {
      guard let next = child(token, of: node) else { return nil }
      node = next
    }
    return node
  }

  /// How many siblings a lookup steps over before it builds (or uses) a table for the parent.
  private static let scanLimit = 16

  /// The child of `parent` at `token` (a key, or an array index in canonical form).
  private func child(_ token: String, of parent: Int, useTables: Bool = true) -> Int? {
    let end = end(parent)
    var c = parent + 1
    if nodes[parent].isArray {
      guard let k = Self.arrayIndex(token) else { return nil }
      var i = 0
      while c < end, i < k, i < Self.scanLimit || !useTables {
        c = self.end(c)
        i += 1
      }
      guard c < end else { return nil }
      if i == k { return c }
      let starts = wideNodes.starts(of: parent, version: nodes.count) { childStarts(of: parent) }
      return k < starts.count ? starts[k] : nil
    }
    var steps = 0
    while c < end, steps < Self.scanLimit || !useTables {
      if tokens[c] == token { return c }
      c = self.end(c)
      steps += 1
    }
    guard c < end else { return nil }
    let table = wideNodes.keys(of: parent, version: nodes.count) {
      var table: [String: Int] = [:]
      for start in childStarts(of: parent) where table[tokens[start]] == nil {
        table[tokens[start]] = start
      }
      return table
    }
    return table[token]
  }

  private func childStarts(of parent: Int) -> [Int] {
    var starts: [Int] = []
    let end = end(parent)
    var c = parent + 1
    while c < end {
      starts.append(c)
      c = self.end(c)
    }
    return starts
  }

  /// `token` as an array index: decimal digits, no leading zero (RFC 6901).
  private static func arrayIndex(_ token: String) -> Int? {
    let utf8 = token.utf8
    guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"),
      first != UInt8(ascii: "0") || utf8.count == 1, utf8.count <= 18
    else { return nil }
    var n = 0
    for b in utf8 {
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      n = n * 10 + Int(b - UInt8(ascii: "0"))
    }
    return n
  }

  private func span(_ mark: Mark) -> SourceSpan {
    let line = Int(mark.line)
    let column = Int(mark.column)
    var length = Int(mark.length)
    if length == 0 {
      if let text = file.line(line) {
        length = max(text.unicodeScalars.count - (column - 1), 1)
      } else {
        length = 1
      }
    }
    return SourceSpan(start: SourceLocation(file: file, line: line, column: column), length: length)
  }

  // MARK: Node-level access for the loader

  /// The root node's index.
  static let rootNode = 0

  /// A span of this map's file from a compact mark.
  func sourceSpan(_ mark: Mark) -> SourceSpan { span(mark) }

  /// Appends the next value in document order under `parent`, keyed by `token` when the
  /// parent is a mapping; returns its node. Scalars are closed at once, collections by `close`.
  mutating func append(
    _ token: String, key: Mark?, value: Mark, style: ScalarStyle, isArray: Bool, of parent: Int
  ) -> Int {
    let index = nodes.count
    var node = Node()
    node.key = key ?? .none
    node.value = value
    node.style = style
    node.hasEntry = true
    node.isArray = isArray
    if style != .collection { node.end = Int32(clamping: index + 1) }
    nodes.append(node)
    tokens.append(token)
    count += 1
    return index
  }

  /// Sets the root's location (the root node always exists).
  mutating func setRoot(value: Mark, style: ScalarStyle, isArray: Bool) {
    if !nodes[0].hasEntry { count += 1 }
    nodes[0].value = value
    nodes[0].style = style
    nodes[0].hasEntry = true
    nodes[0].isArray = isArray
    if style != .collection { nodes[0].end = 1 }
  }

  /// Replaces a node's value span (a one-line flow collection, once its end is known).
  mutating func setValue(_ value: Mark, at node: Int) { nodes[node].value = value }

  /// Ends the collection at `node`: its subtree is every node appended since.
  mutating func close(_ node: Int) { nodes[node].end = Int32(clamping: nodes.count) }

  /// The child of `parent` keyed `token`, if any (a plain scan; used while loading).
  func existingChild(_ token: String, of parent: Int) -> Int? {
    child(token, of: parent, useTables: false)
  }

  func entry(node: Int) -> Entry? {
    let n = nodes[node]
    guard n.hasEntry else { return nil }
    return Entry(key: n.key.line > 0 ? span(n.key) : nil, value: span(n.value), style: n.style)
  }

  /// Copies the nodes below `source` to below `target`, the node just appended for an alias
  /// repeating an anchored value, when there are at most `budget` of them; returns how many
  /// were copied (0 when over budget: the alias's own span then serves).
  mutating func copyDescendants(of source: Int, to target: Int, budget: Int) -> Int {
    guard target == nodes.count - 1 else { return 0 }
    nodes[target].isArray = nodes[source].isArray
    let from = source + 1
    let to = end(source)
    let size = to - from
    guard size > 0, size <= budget else {
      close(target)
      return 0
    }
    let shift = (target + 1) - from
    for i in from..<to {
      var n = nodes[i]
      n.end = Int32(clamping: min(Int(n.end), to) + shift)
      nodes.append(n)
      tokens.append(tokens[i])
    }
    count += size
    close(target)
    return size
  }
}

/// Key tables for nodes with many children, built on first lookup and shared by copies of a map.
///
/// A table is tagged with the node count it was built at and rebuilt if the map has grown.
private final class WideNodeTables: @unchecked Sendable {
  private let lock = NSLock()
  private var keyTables: [Int: (version: Int, table: [String: Int])] = [:]
  private var startTables: [Int: (version: Int, starts: [Int])] = [:]

  func keys(of node: Int, version: Int, build: () -> [String: Int]) -> [String: Int] {
    lock.lock()
    defer { lock.unlock() }
    if let cached = keyTables[node], cached.version == version { return cached.table }
    let table = build()
    keyTables[node] = (version, table)
    return table
  }

  func starts(of node: Int, version: Int, build: () -> [Int]) -> [Int] {
    lock.lock()
    defer { lock.unlock() }
    if let cached = startTables[node], cached.version == version { return cached.starts }
    let starts = build()
    startTables[node] = (version, starts)
    return starts
  }
}

/// A loaded YAML or JSON file: its text, its value tree and where each value came from.
///
/// Immutable and shared by reference: copying one costs a single retain.
public final class LoadedDocument: Sendable {
  public let file: SourceFile
  public let root: JSONValue
  public let map: SourceMap

  public init(file: SourceFile, root: JSONValue, map: SourceMap) {
    self.file = file
    self.root = root
    self.map = map
  }
}
