/// A JSON object: string keys in insertion order, with fast lookup.
///
/// Setting an existing key keeps its position; setting `nil` removes it. Equality ignores order,
/// as JSON does. Small objects (most of them) find keys by a linear scan; objects with more
/// than `indexThreshold` members keep a hash index as well.
public struct JSONObject: Sendable {
  public private(set) var keys: [String] = []
  /// The values, parallel to `keys`.
  private var storage: [JSONValue] = []
  /// Key positions, kept only for objects larger than `indexThreshold`.
  private var index: [String: Int]?

  /// Up to this many members, lookups scan the keys instead of hashing.
  private static let indexThreshold = 8

  public init() {}

  /// Builds an object from pairs; a repeated key keeps its first position and its last value.
  public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
    for (key, value) in pairs { self[key] = value }
  }

  public var count: Int { keys.count }
  public var isEmpty: Bool { keys.isEmpty }

  /// The position of `key` in `keys`, if present.
  private func position(of key: String) -> Int? {
    if let index { return index[key] }
    for i in keys.indices where keys[i] == key { return i }
    return nil
  }

  public subscript(key: String) -> JSONValue? {
    get { position(of: key).map { storage[$0] } }
    set {
      if let newValue {
        if let i = position(of: key) {
          storage[i] = newValue
        } else {
          keys.append(key)
          storage.append(newValue)
          if index != nil {
            index?[key] = keys.count - 1
          } else if keys.count > Self.indexThreshold {
            rebuildIndex()
          }
        }
      } else if let i = position(of: key) {
        keys.remove(at: i)
        storage.remove(at: i)
        if index != nil { rebuildIndex() }
      }
    }
  }

  private mutating func rebuildIndex() {
    guard keys.count > Self.indexThreshold else {
      index = nil
      return
    }
    var built: [String: Int] = [:]
    built.reserveCapacity(keys.count)
    for (i, key) in keys.enumerated() { built[key] = i }
    index = built
  }

  /// The members in key order.
  public var members: [(key: String, value: JSONValue)] {
    keys.indices.map { (keys[$0], storage[$0]) }
  }

  /// The values in key order.
  public var values: [JSONValue] { storage }

  public func contains(_ key: String) -> Bool { position(of: key) != nil }
}

extension JSONObject: Equatable {
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for i in lhs.keys.indices {
      guard let other = rhs[lhs.keys[i]], other == lhs.storage[i] else { return false }
    }
    return true
  }
}

extension JSONObject: Hashable {
  /// Hashes the members in any order (equal objects may list keys differently).
  public func hash(into hasher: inout Hasher) {
    var combined = 0
    for i in keys.indices {
      var member = Hasher()
      member.combine(keys[i])
      member.combine(storage[i])
      combined ^= member.finalize()
    }
    hasher.combine(count)
    hasher.combine(combined)
  }
}

extension JSONObject: Sequence {
  /// Iterates the members in key order.
  public struct Iterator: IteratorProtocol {
    private let object: JSONObject
    private var position = 0

    fileprivate init(_ object: JSONObject) { self.object = object }

    public mutating func next() -> (key: String, value: JSONValue)? {
      guard position < object.keys.count else { return nil }
      defer { position += 1 }
      return (object.keys[position], object.storage[position])
    }
  }

  public func makeIterator() -> Iterator { Iterator(self) }

  public var underestimatedCount: Int { keys.count }
}
