/// The properties and items a schema evaluated, as `unevaluated*` keywords need them.
///
/// Properties are recorded by their position in the instance object's key order: every
/// annotation merged at one level describes the same object, so positions are comparable.
struct SchemaAnnotations {
  /// Positions of evaluated properties below 64, as bits.
  private var propertyBits: UInt64 = 0
  /// Positions of evaluated properties from 64 on.
  private var morePositions: Set<Int> = []
  /// Items `0..<itemsPrefix` were evaluated (`prefixItems`, `items`, `unevaluatedItems`).
  var itemsPrefix = 0
  /// Further evaluated item indices (`contains`).
  var items: Set<Int> = []

  mutating func insertProperty(at position: Int) {
    if position < 64 {
      propertyBits |= 1 << UInt64(position)
    } else {
      morePositions.insert(position)
    }
  }

  func containsProperty(at position: Int) -> Bool {
    position < 64 ? propertyBits & (1 << UInt64(position)) != 0 : morePositions.contains(position)
  }

  mutating func formUnion(_ other: SchemaAnnotations) {
    propertyBits |= other.propertyBits
    if !other.morePositions.isEmpty { morePositions.formUnion(other.morePositions) }
    itemsPrefix = max(itemsPrefix, other.itemsPrefix)
    if !other.items.isEmpty { items.formUnion(other.items) }
  }

  func isItemEvaluated(_ index: Int) -> Bool { index < itemsPrefix || items.contains(index) }
}
