/// A JSON value that keeps integers apart from other numbers and objects in key order.
///
/// Integers that fit in `Int` stay `.integer`; any other number (a fraction, an exponent, or an
/// integer too large for `Int`) is `.number`. Equality follows JSON: `1 == 1.0`.
public enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)
}

extension JSONValue {
  /// The JSON type name of this value, as JSON Schema spells it (`integer` for `.integer`).
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .integer: return "integer"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  public var isNull: Bool { if case .null = self { return true } else { return false } }

  public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
  public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a } else { return nil }
  }
  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o } else { return nil }
  }

  /// The value as a `Double` when it is a number of either kind.
  public var doubleValue: Double? {
    switch self {
    case .integer(let i): return Double(i)
    case .number(let d): return d
    default: return nil
    }
  }

  /// The value as an `Int` when it is an integer, or a number with no fraction that fits.
  public var intValue: Int? {
    switch self {
    case .integer(let i): return i
    case .number(let d):
      guard d.rounded() == d, abs(d) < 9.2e18 else { return nil }
      return Int(d)
    default: return nil
    }
  }

  /// Whether the value is a number (integer or not).
  public var isNumber: Bool {
    switch self {
    case .integer, .number: return true
    default: return false
    }
  }

  /// Member lookup for objects; nil for other values or missing keys.
  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  /// Element lookup for arrays; nil for other values or out-of-range indices.
  public subscript(index: Int) -> JSONValue? {
    if case .array(let a) = self, index >= 0, index < a.count { return a[index] }
    return nil
  }
}

extension JSONValue: Equatable {
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.integer(let a), .integer(let b)): return a == b
    case (.integer(let a), .number(let b)): return Double(a) == b
    case (.number(let a), .integer(let b)): return a == Double(b)
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)): return a == b
    default: return false
    }
  }
}

extension JSONValue: Hashable {
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let b): hasher.combine(b)
    case .integer(let i): hasher.combine(Double(i))
    case .number(let d): hasher.combine(d)
    case .string(let s): hasher.combine(s)
    case .array(let a): hasher.combine(a)
    case .object(let o): hasher.combine(o)
    }
  }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var object = JSONObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}
