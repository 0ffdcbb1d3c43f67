import ArazzoJSON

/// One map of the Components Object, in document order, with lookup by key.
public struct ComponentMap<Value: Sendable>: Sendable {
  /// One component: its key (located at the key's span) and its value.
  public struct Entry: Sendable {
    public var key: Located<String>
    public var value: Value

    public init(key: Located<String>, value: Value) {
      self.key = key
      self.value = value
    }
  }

  public private(set) var entries: [Entry] = []
  private var index: [String: Int] = [:]

  public init() {}

  /// Adds a component; a repeated key keeps the first.
  public mutating func append(key: Located<String>, value: Value) {
    guard index[key.value] == nil else { return }
    index[key.value] = entries.count
    entries.append(Entry(key: key, value: value))
  }

  /// The component with this key.
  public subscript(key: String) -> Value? { index[key].map { entries[$0].value } }

  public var keys: [String] { entries.map(\.key.value) }
  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }
}
