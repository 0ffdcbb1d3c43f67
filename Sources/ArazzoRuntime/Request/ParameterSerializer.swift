import ArazzoExpressions
import ArazzoJSON

/// OpenAPI parameter serialisation (RFC 6570 expansions) for path, query, header and cookie.
///
/// Values are the primitive text of each scalar (`Embedding.text`: strings unchanged, numbers in
/// shortest JSON form, booleans `true`/`false`); a nested array or object inside an array or
/// object is written as compact JSON text. The output reproduces the OpenAPI 3.1.1 style
/// examples table exactly.
enum ParameterSerializer {
  /// A value reduced to what the styles can express.
  enum Shape {
    case primitive(String)
    case array([String])
    case object([(key: String, value: String)])
  }

  static func shape(_ value: JSONValue) -> Shape {
    switch value {
    case .array(let items): return .array(items.map(Embedding.text(for:)))
    case .object(let o): return .object(o.members.map { ($0.key, Embedding.text(for: $0.value)) })
    default: return .primitive(Embedding.text(for: value))
    }
  }

  /// The text that replaces `{name}` in a path (already percent-encoded).
  static func path(
    name: String, value: JSONValue, style: ParameterStyle, explode: Bool
  )
    throws(RequestBuildError) -> String
  {
    let e: (String) -> String = PercentEncoding.strict
    let shape = shape(value)
    switch style {
    case .simple:
      return simple(shape, explode: explode, encode: e)
    case .label:
      switch shape {
      case .primitive(let v): return "." + e(v)
      case .array(let items):
        return "." + items.map { e($0) }.joined(separator: explode ? "." : ",")
      case .object(let members):
        return "." + (explode ? assigned(members, ".", e) : flattened(members, ",", e))
      }
    case .matrix:
      let n = e(name)
      func pair(_ k: String, _ v: String) -> String { v.isEmpty ? ";" + k : ";" + k + "=" + v }
      switch shape {
      case .primitive(let v): return pair(n, e(v))
      case .array(let items):
        if items.isEmpty { return ";" + n }
        return explode
          ? items.map { pair(n, e($0)) }.joined()
          : pair(n, items.map { e($0) }.joined(separator: ","))
      case .object(let members):
        if members.isEmpty { return ";" + n }
        if explode { return members.map { pair(e($0.key), e($0.value)) }.joined() }
        return pair(n, flattened(members, ",", e))
      }
    case .form, .spaceDelimited, .pipeDelimited, .deepObject:
      throw .unsupportedParameterValue(
        name: name, location: "path",
        reason: "style '\(style.rawValue)' is for query parameters, not path parameters")
    }
  }

  /// `simple` style: comma-separated, objects as `k,v` pairs or `k=v` when exploded.
  static func simple(_ shape: Shape, explode: Bool, encode e: (String) -> String) -> String {
    switch shape {
    case .primitive(let v): return e(v)
    case .array(let items): return items.map { e($0) }.joined(separator: ",")
    case .object(let members):
      return explode ? assigned(members, ",", e) : flattened(members, ",", e)
    }
  }

  /// `k=v` for each member, joined by `separator`.
  static func assigned(
    _ members: [(key: String, value: String)], _ separator: String, _ e: (String) -> String
  ) -> String {
    var parts: [String] = []
    for m in members { parts.append(e(m.key) + "=" + e(m.value)) }
    return parts.joined(separator: separator)
  }

  /// `k,v,k,v` (with `separator`) for the members.
  static func flattened(
    _ members: [(key: String, value: String)], _ separator: String, _ e: (String) -> String
  ) -> String {
    var parts: [String] = []
    for m in members {
      parts.append(e(m.key))
      parts.append(e(m.value))
    }
    return parts.joined(separator: separator)
  }

  /// The `name=value` pairs of a query parameter, each already percent-encoded; empty when the
  /// value is null or an empty array/object (RFC 6570: undefined values are left out).
  static func query(
    name: String, value: JSONValue, style: ParameterStyle, explode: Bool
  )
    throws(RequestBuildError) -> [String]
  {
    if value.isNull { return [] }
    let e: (String) -> String = PercentEncoding.strict
    let n = e(name)
    let shape = shape(value)
    func delimited(_ separator: String) -> [String] {
      switch shape {
      case .primitive(let v): return [n + "=" + e(v)]
      case .array(let items):
        if items.isEmpty { return [] }
        return explode
          ? items.map { n + "=" + e($0) }
          : [n + "=" + items.map { e($0) }.joined(separator: separator)]
      case .object(let members):
        if members.isEmpty { return [] }
        if explode { return members.map { e($0.key) + "=" + e($0.value) } }
        return [n + "=" + flattened(members, separator, e)]
      }
    }
    switch style {
    case .form: return delimited(",")
    case .spaceDelimited: return delimited("%20")
    case .pipeDelimited: return delimited("%7C")
    case .deepObject:
      guard case .object = value else {
        throw .unsupportedParameterValue(
          name: name, location: "query",
          reason: "style 'deepObject' needs an object value, got \(value.typeName)")
      }
      var pairs: [String] = []
      deepObject(prefix: name, value: value, into: &pairs)
      return pairs
    case .simple, .label, .matrix:
      throw .unsupportedParameterValue(
        name: name, location: "query",
        reason: "style '\(style.rawValue)' is for path parameters, not query parameters")
    }
  }

  /// `name[key]=value` for every leaf, nesting as `name[a][b]`; arrays repeat the key.
  private static func deepObject(prefix: String, value: JSONValue, into pairs: inout [String]) {
    switch value {
    case .object(let o):
      for (key, member) in o {
        deepObject(prefix: prefix + "[" + key + "]", value: member, into: &pairs)
      }
    case .array(let items):
      for item in items {
        pairs.append(
          PercentEncoding.strict(prefix) + "=" + PercentEncoding.strict(Embedding.text(for: item)))
      }
    case .null:
      break
    default:
      pairs.append(
        PercentEncoding.strict(prefix) + "=" + PercentEncoding.strict(Embedding.text(for: value)))
    }
  }

  /// A header value in `simple` style (no percent-encoding; arrays comma-joined).
  static func header(
    name: String, value: JSONValue, explode: Bool
  ) throws(RequestBuildError)
    -> String
  {
    let text = simple(shape(value), explode: explode, encode: { $0 })
    if text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) {
      throw .invalidHeader(name: name, reason: "the value contains a line break or NUL")
    }
    return text
  }

  /// The `name=value` pairs a cookie parameter adds to the `Cookie` header: arrays and objects
  /// comma-joined (`form`, explode false), or one pair per item/member when exploded.
  static func cookie(name: String, value: JSONValue, explode: Bool) -> [String] {
    if value.isNull { return [] }
    let e: (String) -> String = PercentEncoding.cookieEncode
    switch shape(value) {
    case .primitive(let v): return [name + "=" + e(v)]
    case .array(let items):
      return explode
        ? items.map { name + "=" + e($0) }
        : [name + "=" + items.map { e($0) }.joined(separator: ",")]
    case .object(let members):
      if explode { return members.map { $0.key + "=" + e($0.value) } }
      return [name + "=" + flattened(members, ",", e)]
    }
  }
}
