/// The properties and items a schema evaluated, as `unevaluated*` keywords need them.
struct SchemaAnnotations {
  /// Property names evaluated by `properties`, `patternProperties`, `additionalProperties`, ...
  var properties: Set<String> = []
  /// Items `0..<itemsPrefix` were evaluated (`prefixItems`, `items`, `unevaluatedItems`).
  var itemsPrefix = 0
  /// Further evaluated item indices (`contains`).
  var items: Set<Int> = []

  mutating func formUnion(_ other: SchemaAnnotations) {
    if !other.properties.isEmpty { properties.formUnion(other.properties) }
    itemsPrefix = max(itemsPrefix, other.itemsPrefix)
    if !other.items.isEmpty { items.formUnion(other.items) }
  }

  func isItemEvaluated(_ index: Int) -> Bool { index < itemsPrefix || items.contains(index) }
}
