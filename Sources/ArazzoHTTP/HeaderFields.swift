/// An ordered list of HTTP header fields with case-insensitive name lookup.
///
/// Order and repetition are kept exactly as sent or received (`Set-Cookie` may repeat);
/// names keep the spelling they were given.
public struct HeaderFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  /// One header field.
  public struct Field: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The fields in order.
  public private(set) var fields: [Field] = []

  public init() {}

  public init(_ pairs: [(String, String)]) {
    fields = pairs.map { Field(name: $0.0, value: $0.1) }
  }

  public init(dictionaryLiteral elements: (String, String)...) {
    self.init(elements)
  }

  public var count: Int { fields.count }
  public var isEmpty: Bool { fields.isEmpty }

  public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

  /// The first value of the named field, if any.
  public subscript(name: String) -> String? {
    // Through the buffer: `first(where:)`, or even `fields[i]`, copies every field it looks
    // at (two retains each).
    fields.withUnsafeBufferPointer { buffer in
      for i in buffer.indices where buffer[i].name.equalsIgnoringASCIICase(name) {
        return buffer[i].value
      }
      return nil
    }
  }

  /// Every value of the named field, in order.
  public func values(for name: String) -> [String] {
    fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
  }

  public func contains(_ name: String) -> Bool {
    fields.withUnsafeBufferPointer { buffer in
      buffer.indices.contains { buffer[$0].name.equalsIgnoringASCIICase(name) }
    }
  }

  /// Appends a field, keeping any existing ones of the same name.
  public mutating func add(_ name: String, _ value: String) {
    fields.append(Field(name: name, value: value))
  }

  /// Replaces every field of that name by one field (at the first one's position).
  public mutating func set(_ name: String, _ value: String) {
    if let index = fields.firstIndex(where: { $0.name.equalsIgnoringASCIICase(name) }) {
      fields[index].value = value
      var i = fields.count - 1
      while i > index {
        if fields[i].name.equalsIgnoringASCIICase(name) { fields.remove(at: i) }
        i -= 1
      }
    } else {
      add(name, value)
    }
  }

  /// Removes every field of that name.
  public mutating func remove(_ name: String) {
    fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
  }

  /// Removes every field whose name satisfies the predicate.
  public mutating func removeAll(where predicate: (String) -> Bool) {
    fields.removeAll { predicate($0.name) }
  }

  /// Rewrites values in place.
  public mutating func mapValues(_ transform: (Field) -> String) {
    for i in fields.indices { fields[i].value = transform(fields[i]) }
  }
}

extension String {
  /// ASCII case-insensitive equality, the comparison HTTP field names use.
  func equalsIgnoringASCIICase(_ other: String) -> Bool {
    guard utf8.count == other.utf8.count else { return false }
    var (a, b) = (self, other)  // withUTF8 is mutating; native strings are not copied
    return a.withUTF8 { a in
      b.withUTF8 { b in
        for i in a.indices where a[i] != b[i] {
          let x = a[i], y = b[i]
          let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
          let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
          if lx != ly { return false }
        }
        return true
      }
    }
  }

  /// ASCII lowercase (header names, schemes, hosts).
  var asciiLowercased: String {
    String(decoding: utf8.map { ($0 >= 65 && $0 <= 90) ? $0 | 0x20 : $0 }, as: UTF8.self)
  }
}
