/// JSON equality as JSON Schema defines it: numbers by value, strings by code points.
///
/// `JSONValue.==` compares strings with Swift's canonical equivalence, under which "é" written
/// precomposed equals "e" plus a combining accent; `const`, `enum` and `uniqueItems` must not.
enum SchemaEquality {
  static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.object(let x), .object(let y)):
      guard x.count == y.count else { return false }
      for (key, value) in x {
        guard let other = y[key], equal(value, other) else { return false }
      }
      return true
    default:
      return a == b
    }
  }

  /// The first pair of equal items, by index, if any.
  static func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
    guard items.count > 1 else { return nil }
    if items.count <= 16 {
      for i in 1..<items.count {
        for j in 0..<i where equal(items[j], items[i]) { return (j, i) }
      }
      return nil
    }
    var buckets: [JSONValue: [Int]] = [:]
    for (i, item) in items.enumerated() {
      if let candidates = buckets[item], let j = candidates.first(where: { equal(items[$0], item) })
      {
        return (j, i)
      }
      buckets[item, default: []].append(i)
    }
    return nil
  }
}
