/// One compiled keyword of a schema object; subschemas are indices into `SchemaProgram.nodes`.
enum SchemaKeyword: Sendable {
  /// `$ref`: evaluate the target in place.
  case ref(Int)
  /// `$dynamicRef`: the static target, and the anchor name when the dynamic scope may override it.
  case dynamicRef(Int, anchor: String?)
  case type(SchemaTypeSet)
  case enumeration([JSONValue])
  case constant(JSONValue)
  case multipleOf(Double, JSONValue)
  case maximum(Double, JSONValue)
  case exclusiveMaximum(Double, JSONValue)
  case minimum(Double, JSONValue)
  case exclusiveMinimum(Double, JSONValue)
  case maxLength(Int)
  case minLength(Int)
  case pattern(SchemaRegex)
  case maxItems(Int)
  case minItems(Int)
  case uniqueItems
  /// `contains` with its `minContains` (default 1) and optional `maxContains`.
  case contains(Int, min: Int, max: Int?)
  case maxProperties(Int)
  case minProperties(Int)
  case required([String])
  case dependentRequired([(String, [String])])
  case properties([String: Int])
  case patternProperties([(SchemaRegex, Int)])
  /// `additionalProperties` with the sibling names and patterns it excludes.
  case additionalProperties(Int, names: Set<String>, patterns: [SchemaRegex])
  case propertyNames(Int)
  case prefixItems([Int])
  /// `items`, applying from index `prefix` (the number of `prefixItems`).
  case items(Int, prefix: Int)
  case allOf([Int])
  case anyOf([Int])
  case oneOf([Int])
  case not(Int)
  case conditional(if: Int, then: Int?, else: Int?)
  case dependentSchemas([(String, Int)])
  case unevaluatedItems(Int)
  case unevaluatedProperties(Int)
}

/// The set of JSON Schema type names a `type` keyword allows.
struct SchemaTypeSet: OptionSet, Sendable {
  let rawValue: UInt8
  static let null = SchemaTypeSet(rawValue: 1)
  static let boolean = SchemaTypeSet(rawValue: 2)
  static let integer = SchemaTypeSet(rawValue: 4)
  static let number = SchemaTypeSet(rawValue: 8)
  static let string = SchemaTypeSet(rawValue: 16)
  static let array = SchemaTypeSet(rawValue: 32)
  static let object = SchemaTypeSet(rawValue: 64)

  static let names: [(String, SchemaTypeSet)] = [
    ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number),
    ("string", .string), ("array", .array), ("object", .object),
  ]

  /// Whether `value` has one of the types (an integral number counts as `integer`).
  func admits(_ value: JSONValue) -> Bool {
    switch value {
    case .null: return contains(.null)
    case .bool: return contains(.boolean)
    case .integer: return contains(.integer) || contains(.number)
    case .number(let d):
      return contains(.number) || (contains(.integer) && d.isFinite && d.rounded() == d)
    case .string: return contains(.string)
    case .array: return contains(.array)
    case .object: return contains(.object)
    }
  }

  /// "string", "string or null", "string, object or null".
  var phrase: String {
    let list = SchemaTypeSet.names.filter { contains($0.1) }.map(\.0)
    guard list.count > 1 else { return list.first ?? "nothing" }
    return list.dropLast().joined(separator: ", ") + " or " + (list.last ?? "")
  }
}
