/// A compiled schema: every reachable subschema as a node, refs resolved to node indices.
final class SchemaProgram: Sendable {
  /// All compiled subschemas.
  let nodes: [SchemaNode]
  /// Schema resources (one per `$id` or document), for `$dynamicRef` lookups.
  let resources: [SchemaResource]
  /// The entry node.
  let root: Int

  init(nodes: [SchemaNode], resources: [SchemaResource], root: Int) {
    self.nodes = nodes
    self.resources = resources
    self.root = root
  }
}

/// One compiled schema: a boolean schema or an ordered list of keywords.
struct SchemaNode: Sendable {
  /// `true`/`false` for boolean schemas; nil for schema objects.
  var boolean: Bool?
  /// Keywords in evaluation order (`unevaluated*` last), each with its name for locations.
  var keywords: [(name: String, keyword: SchemaKeyword)] = []
  /// The innermost enclosing resource.
  var resource: Int
  /// Whether this node has `unevaluatedItems` or `unevaluatedProperties`.
  var hasUnevaluated = false
  /// Whether this node is only a `required` list (for friendlier oneOf/anyOf messages).
  var requiredOnly: [String]? {
    guard keywords.count == 1, case .required(let names) = keywords[0].keyword else { return nil }
    return names
  }
}

/// A schema resource: its canonical URI and the `$dynamicAnchor`s it declares.
struct SchemaResource: Sendable {
  var uri: String
  /// Document index and the pointer tokens of the resource root within it.
  var document: Int
  var pointer: [String]
  var dynamicAnchors: [String: Int] = [:]
}
