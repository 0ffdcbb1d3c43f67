/// A JSON object: string keys in insertion order, with O(1) lookup.
///
/// Setting an existing key keeps its position; setting `nil` removes it. Equality ignores order,
/// as JSON does.
public struct JSONObject: Sendable {
  public private(set) var keys: [String] = []
  private var storage: [String: JSONValue] = [:]

  public init() {}

  /// Builds an object from pairs; a repeated key keeps its first position and its last value.
  public init<S: Sequence>(_ pairs: S) where S.Element == (String, JSONValue) {
    for (key, value) in pairs { self[key] = value }
  }

  public var count: Int { keys.count }
  public var isEmpty: Bool { keys.isEmpty }

  public subscript(key: String) -> JSONValue? {
    get { storage[key] }
    set {
      if let newValue {
        if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
      } else if storage.removeValue(forKey: key) != nil {
        keys.removeAll { $0 == key }
      }
    }
  }

  /// The members in key order.
  public var members: [(key: String, value: JSONValue)] {
    keys.map { key in (key, storage[key] ?? .null) }
  }

  /// The values in key order.
  public var values: [JSONValue] { keys.map { storage[$0] ?? .null } }

  public func contains(_ key: String) -> Bool { storage[key] != nil }
}

extension JSONObject: Equatable {
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }
}

extension JSONObject: Hashable {
  public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

extension JSONObject: Sequence {
  public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
    var index = 0
    return AnyIterator {
      guard index < keys.count else { return nil }
      defer { index += 1 }
      let key = keys[index]
      return (key, storage[key] ?? .null)
    }
  }
}
