/// One step of a node's location: an object member name or an array index.
public enum JSONPathSegmentKey: Sendable, Hashable, CustomStringConvertible {
  case name(String)
  case index(Int)

  /// The step in normalized-path form (`['a']` or `[0]`).
  public var description: String {
    switch self {
    case .name(let name): return "[" + JSONPathSyntax.quoted(name) + "]"
    case .index(let index): return "[\(index)]"
    }
  }
}

/// A node that a JSONPath query selected: the value and where it is in the argument.
public struct JSONPathNode: Sendable, Hashable {
  /// The location of the value, from the root.
  public var path: [JSONPathSegmentKey]
  /// The selected value.
  public var value: JSONValue

  /// Makes a node.
  public init(path: [JSONPathSegmentKey], value: JSONValue) {
    self.path = path
    self.value = value
  }

  /// The RFC 9535 normalized path of the node, such as `$['a'][0]`.
  public var normalizedPath: String { "$" + path.map(\.description).joined() }
}
