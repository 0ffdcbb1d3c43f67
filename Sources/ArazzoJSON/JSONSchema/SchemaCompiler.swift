import Foundation

/// Compiles schema documents into a `SchemaProgram`, indexing `$id`s and anchors and resolving refs.
struct SchemaCompiler {
  /// Where a subschema sits while it is compiled.
  private struct Context {
    var document: Int
    var pointer: [String]
    var base: String
    var resource: Int
    /// Enabled vocabularies by short name (`validation`, ...); nil means all.
    var vocabulary: Set<String>?

    func appending(_ tokens: String...) -> Context {
      var copy = self
      copy.pointer += tokens
      return copy
    }

    var location: String { base + "#" + JSONPointer(tokens: pointer).description }
  }

  /// A `$ref` or `$dynamicRef` waiting for its target.
  private struct Pending {
    var node: Int
    var keywordIndex: Int
    var reference: String
    var base: String
    var dynamic: Bool
  }

  private static let metaSchemaURI = "https://json-schema.org/draft/2020-12/schema"

  private var nodes: [SchemaNode] = []
  private var resources: [SchemaResource] = []
  private var resourceByURI: [String: Int] = [:]
  private var documents: [JSONValue] = []
  private var memo: [String: Int] = [:]
  private var anchors: [String: Int] = [:]
  private var pending: [Pending] = []
  private var regexes: [String: SchemaRegex] = [:]
  private let registry: [String: JSONValue]

  private init(registry: [String: JSONValue]) {
    var normalized: [String: JSONValue] = [:]
    for (key, value) in registry { normalized[SchemaURI.split(key).0] = value }
    self.registry = normalized
  }

  /// Compiles `schema` (retrieved from `baseURI`) and everything it references.
  static func compile(
    _ schema: JSONValue, baseURI: String, registry: [String: JSONValue]
  )
    throws(JSONSchemaError) -> SchemaProgram
  {
    var compiler = SchemaCompiler(registry: registry)
    let root = try compiler.compileDocument(schema, uri: SchemaURI.split(baseURI).0)
    try compiler.resolvePending()
    return SchemaProgram(nodes: compiler.nodes, resources: compiler.resources, root: root)
  }

  private mutating func compileDocument(
    _ value: JSONValue, uri: String
  ) throws(JSONSchemaError)
    -> Int
  {
    let document = documents.count
    documents.append(value)
    var canonical = uri
    if case .object(let object) = value, let id = object["$id"] {
      guard case .string(let text) = id else {
        throw JSONSchemaError(message: "'$id' must be a string at \(uri)#")
      }
      canonical = SchemaURI.split(SchemaURI.resolve(text, against: uri)).0
    }
    let resource = addResource(canonical, document: document, pointer: [])
    if resourceByURI[uri] == nil { resourceByURI[uri] = resource }
    let context = Context(
      document: document, pointer: [], base: canonical, resource: resource,
      vocabulary: vocabulary(for: value))
    return try compile(value, context)
  }

  private mutating func addResource(_ uri: String, document: Int, pointer: [String]) -> Int {
    if let existing = resourceByURI[uri] { return existing }
    resources.append(SchemaResource(uri: uri, document: document, pointer: pointer))
    resourceByURI[uri] = resources.count - 1
    return resources.count - 1
  }

  private func memoKey(_ document: Int, _ pointer: [String]) -> String {
    "\(document)" + JSONPointer(tokens: pointer).description
  }

  private mutating func loadDocument(_ uri: String) throws(JSONSchemaError) -> JSONValue? {
    if let value = registry[uri] { return value }
    guard let text = MetaSchemas.documents[uri] else { return nil }
    do {
      return try JSONParser.parse(text)
    } catch {
      throw JSONSchemaError(message: "built-in meta-schema \(uri) is malformed: \(error)")
    }
  }

  /// The vocabularies a `$schema` enables, when its meta-schema declares `$vocabulary`.
  private func vocabulary(for value: JSONValue) -> Set<String>? {
    guard case .string(let schemaURI) = value["$schema"] else { return nil }
    let uri = SchemaURI.split(schemaURI).0
    guard uri != SchemaCompiler.metaSchemaURI,
      let meta = registry[uri], case .object(let vocabularies) = meta["$vocabulary"]
    else { return nil }
    return Set(vocabularies.keys.compactMap { $0.split(separator: "/").last.map(String.init) })
  }

  private static let keywordVocabulary: [String: String] = {
    var map: [String: String] = [:]
    for k in [
      "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
      "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
      "uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties", "required",
      "dependentRequired",
    ] { map[k] = "validation" }
    for k in [
      "prefixItems", "items", "contains", "additionalProperties", "properties",
      "patternProperties", "dependentSchemas", "propertyNames", "if", "then", "else", "allOf",
      "anyOf", "oneOf", "not",
    ] { map[k] = "applicator" }
    map["unevaluatedItems"] = "unevaluated"
    map["unevaluatedProperties"] = "unevaluated"
    return map
  }()

  // MARK: - Compiling one schema

  private mutating func compile(_ value: JSONValue, _ outer: Context) throws(JSONSchemaError) -> Int
  {
    let key = memoKey(outer.document, outer.pointer)
    if let existing = memo[key] { return existing }
    switch value {
    case .bool(let b):
      nodes.append(SchemaNode(boolean: b, resource: outer.resource))
      memo[key] = nodes.count - 1
      return nodes.count - 1
    case .object(let object):
      return try compileObject(object, outer, key: key)
    default:
      throw JSONSchemaError(
        message:
          "schema at \(outer.location) must be an object or a boolean, found \(value.typeName)")
    }
  }

  private mutating func compileObject(
    _ o: JSONObject, _ outer: Context, key: String
  )
    throws(JSONSchemaError) -> Int
  {
    var c = outer
    if let idValue = o["$id"], !c.pointer.isEmpty {
      guard case .string(let id) = idValue else {
        throw JSONSchemaError(message: "'$id' must be a string at \(c.location)")
      }
      let absolute = SchemaURI.split(SchemaURI.resolve(id, against: c.base)).0
      if absolute != resources[c.resource].uri {
        c.resource = addResource(absolute, document: c.document, pointer: c.pointer)
      }
      c.base = absolute
      if o["$schema"] != nil { c.vocabulary = vocabulary(for: .object(o)) }
    }
    let index = nodes.count
    nodes.append(SchemaNode(boolean: nil, resource: c.resource))
    memo[key] = index

    if let anchor = o["$anchor"] {
      anchors[c.base + "#" + (try string(anchor, "$anchor", c))] = index
    }
    if let anchor = o["$dynamicAnchor"] {
      let name = try string(anchor, "$dynamicAnchor", c)
      anchors[c.base + "#" + name] = index
      resources[c.resource].dynamicAnchors[name] = index
    }
    if case .object(let defs) = o["$defs"] {
      for (name, def) in defs { _ = try compile(def, c.appending("$defs", name)) }
    }

    var keywords: [(name: String, keyword: SchemaKeyword)] = []
    func enabled(_ keyword: String) -> Bool {
      guard o[keyword] != nil else { return false }
      guard let vocabulary = c.vocabulary, let group = SchemaCompiler.keywordVocabulary[keyword]
      else { return true }
      return vocabulary.contains(group)
    }

    for name in ["$ref", "$dynamicRef"] {
      guard let value = o[name] else { continue }
      let reference = try string(value, name, c)
      keywords.append((name, .ref(-1)))
      pending.append(
        Pending(
          node: index, keywordIndex: keywords.count - 1, reference: reference, base: c.base,
          dynamic: name == "$dynamicRef"))
    }
    if enabled("type"), let value = o["type"] {
      keywords.append(("type", .type(try typeSet(value, c))))
    }
    if enabled("const"), let value = o["const"] { keywords.append(("const", .constant(value))) }
    if enabled("enum"), let value = o["enum"] {
      guard case .array(let values) = value else { throw malformed("enum", "an array", c) }
      keywords.append(("enum", .enumeration(values)))
    }
    if enabled("required") {
      keywords.append(("required", .required(try strings("required", o, c))))
    }
    if enabled("dependentRequired") {
      guard case .object(let map) = o["dependentRequired"] else {
        throw malformed("dependentRequired", "an object", c)
      }
      var pairs: [(String, [String])] = []
      for name in map.keys { pairs.append((name, try strings(name, map, c))) }
      keywords.append(("dependentRequired", .dependentRequired(pairs)))
    }
    if enabled("minProperties") {
      keywords.append(("minProperties", .minProperties(try count("minProperties", o, c))))
    }
    if enabled("maxProperties") {
      keywords.append(("maxProperties", .maxProperties(try count("maxProperties", o, c))))
    }
    if enabled("multipleOf") {
      let (d, v) = try number("multipleOf", o, c)
      guard d > 0 else { throw malformed("multipleOf", "a number greater than 0", c) }
      keywords.append(("multipleOf", .multipleOf(d, v)))
    }
    if enabled("minimum") {
      let (d, v) = try number("minimum", o, c)
      keywords.append(("minimum", .minimum(d, v)))
    }
    if enabled("exclusiveMinimum") {
      let (d, v) = try number("exclusiveMinimum", o, c)
      keywords.append(("exclusiveMinimum", .exclusiveMinimum(d, v)))
    }
    if enabled("maximum") {
      let (d, v) = try number("maximum", o, c)
      keywords.append(("maximum", .maximum(d, v)))
    }
    if enabled("exclusiveMaximum") {
      let (d, v) = try number("exclusiveMaximum", o, c)
      keywords.append(("exclusiveMaximum", .exclusiveMaximum(d, v)))
    }
    if enabled("minLength") {
      keywords.append(("minLength", .minLength(try count("minLength", o, c))))
    }
    if enabled("maxLength") {
      keywords.append(("maxLength", .maxLength(try count("maxLength", o, c))))
    }
    if enabled("pattern"), let value = o["pattern"] {
      keywords.append(("pattern", .pattern(try regex(try string(value, "pattern", c)))))
    }
    if enabled("minItems") { keywords.append(("minItems", .minItems(try count("minItems", o, c)))) }
    if enabled("maxItems") { keywords.append(("maxItems", .maxItems(try count("maxItems", o, c)))) }
    if enabled("uniqueItems"), o["uniqueItems"] == .bool(true) {
      keywords.append(("uniqueItems", .uniqueItems))
    }

    var propertyNames: Set<String> = []
    var patterns: [SchemaRegex] = []
    if enabled("properties") {
      guard case .object(let map) = o["properties"] else {
        throw malformed("properties", "an object", c)
      }
      var compiled: [String: Int] = [:]
      for (name, sub) in map {
        compiled[name] = try compile(sub, c.appending("properties", name))
        propertyNames.insert(name)
      }
      keywords.append(("properties", .properties(compiled)))
    }
    if enabled("patternProperties") {
      guard case .object(let map) = o["patternProperties"] else {
        throw malformed("patternProperties", "an object", c)
      }
      var compiled: [(SchemaRegex, Int)] = []
      for (pattern, sub) in map {
        let re = try regex(pattern)
        patterns.append(re)
        compiled.append((re, try compile(sub, c.appending("patternProperties", pattern))))
      }
      keywords.append(("patternProperties", .patternProperties(compiled)))
    }
    if enabled("additionalProperties"), let sub = o["additionalProperties"] {
      let node = try compile(sub, c.appending("additionalProperties"))
      keywords.append(
        (
          "additionalProperties",
          .additionalProperties(node, names: propertyNames, patterns: patterns)
        ))
    }
    if enabled("propertyNames"), let sub = o["propertyNames"] {
      keywords.append(
        ("propertyNames", .propertyNames(try compile(sub, c.appending("propertyNames")))))
    }
    if enabled("dependentSchemas") {
      guard case .object(let map) = o["dependentSchemas"] else {
        throw malformed("dependentSchemas", "an object", c)
      }
      var compiled: [(String, Int)] = []
      for (name, sub) in map {
        compiled.append((name, try compile(sub, c.appending("dependentSchemas", name))))
      }
      keywords.append(("dependentSchemas", .dependentSchemas(compiled)))
    }
    var prefixCount = 0
    if enabled("prefixItems") {
      let list = try schemaList("prefixItems", o, c)
      prefixCount = list.count
      keywords.append(("prefixItems", .prefixItems(list)))
    }
    if enabled("items"), let sub = o["items"] {
      let node = try compile(sub, c.appending("items"))
      keywords.append(("items", .items(node, prefix: prefixCount)))
    }
    if enabled("contains"), let sub = o["contains"] {
      let node = try compile(sub, c.appending("contains"))
      let minimum = enabled("minContains") ? try count("minContains", o, c) : 1
      let maximum = enabled("maxContains") ? try count("maxContains", o, c) : nil
      keywords.append(("contains", .contains(node, min: minimum, max: maximum)))
    }
    if enabled("allOf") { keywords.append(("allOf", .allOf(try schemaList("allOf", o, c)))) }
    if enabled("anyOf") { keywords.append(("anyOf", .anyOf(try schemaList("anyOf", o, c)))) }
    if enabled("oneOf") { keywords.append(("oneOf", .oneOf(try schemaList("oneOf", o, c)))) }
    if enabled("not"), let sub = o["not"] {
      keywords.append(("not", .not(try compile(sub, c.appending("not")))))
    }
    let thenNode = enabled("then") ? try compile(o["then"] ?? true, c.appending("then")) : nil
    let elseNode = enabled("else") ? try compile(o["else"] ?? true, c.appending("else")) : nil
    if enabled("if"), let sub = o["if"] {
      let ifNode = try compile(sub, c.appending("if"))
      keywords.append(("if", .conditional(if: ifNode, then: thenNode, else: elseNode)))
    }
    if enabled("unevaluatedItems"), let sub = o["unevaluatedItems"] {
      keywords.append(
        ("unevaluatedItems", .unevaluatedItems(try compile(sub, c.appending("unevaluatedItems")))))
    }
    if enabled("unevaluatedProperties"), let sub = o["unevaluatedProperties"] {
      let node = try compile(sub, c.appending("unevaluatedProperties"))
      keywords.append(("unevaluatedProperties", .unevaluatedProperties(node)))
    }

    nodes[index].keywords = keywords
    nodes[index].hasUnevaluated =
      enabled("unevaluatedItems") || enabled("unevaluatedProperties")
    return index
  }

  // MARK: - References

  private mutating func resolvePending() throws(JSONSchemaError) {
    while let p = pending.popLast() {
      let (target, anchor) = try resolve(p.reference, base: p.base)
      let keyword: SchemaKeyword
      if p.dynamic {
        let isDynamic =
          anchor.map { resources[nodes[target].resource].dynamicAnchors[$0] == target } ?? false
        keyword = .dynamicRef(target, anchor: isDynamic ? anchor : nil)
      } else {
        keyword = .ref(target)
      }
      nodes[p.node].keywords[p.keywordIndex].keyword = keyword
    }
  }

  /// The node a reference points at, and the anchor name when the fragment is one.
  private mutating func resolve(
    _ reference: String, base: String
  ) throws(JSONSchemaError)
    -> (Int, String?)
  {
    let absolute = SchemaURI.resolve(reference, against: base)
    let (uri, rawFragment) = SchemaURI.split(absolute)
    if resourceByURI[uri] == nil, let document = try loadDocument(uri) {
      _ = try compileDocument(document, uri: uri)
    }
    guard let resource = resourceByURI[uri] else {
      throw JSONSchemaError(
        message: "cannot resolve reference '\(reference)': no schema is known at '\(uri)'")
    }
    let fragment = rawFragment.removingPercentEncoding ?? rawFragment
    if fragment.isEmpty || fragment.hasPrefix("/") {
      let tokens: [String]
      do {
        tokens = try JSONPointer(parsing: fragment).tokens
      } catch {
        throw JSONSchemaError(message: "bad JSON Pointer in reference '\(reference)': \(error)")
      }
      let r = resources[resource]
      let full = r.pointer + tokens
      if let node = memo[memoKey(r.document, full)] { return (node, nil) }
      guard let value = JSONPointer(tokens: full).value(in: documents[r.document]) else {
        throw JSONSchemaError(message: "cannot resolve reference '\(reference)': nothing there")
      }
      let context = Context(
        document: r.document, pointer: full, base: r.uri, resource: resource, vocabulary: nil)
      return (try compile(value, context), nil)
    }
    guard let node = anchors[resources[resource].uri + "#" + fragment] else {
      throw JSONSchemaError(
        message: "cannot resolve reference '\(reference)': no anchor '\(fragment)' in '\(uri)'")
    }
    return (node, fragment)
  }

  // MARK: - Keyword values

  private func malformed(_ keyword: String, _ expected: String, _ c: Context) -> JSONSchemaError {
    JSONSchemaError(message: "'\(keyword)' must be \(expected) at \(c.location)")
  }

  private func string(
    _ value: JSONValue, _ keyword: String, _ c: Context
  ) throws(JSONSchemaError)
    -> String
  {
    guard case .string(let s) = value else { throw malformed(keyword, "a string", c) }
    return s
  }

  private func strings(
    _ keyword: String, _ o: JSONObject, _ c: Context
  ) throws(JSONSchemaError)
    -> [String]
  {
    guard case .array(let items) = o[keyword] else {
      throw malformed(keyword, "an array of strings", c)
    }
    var out: [String] = []
    for item in items {
      guard case .string(let s) = item else { throw malformed(keyword, "an array of strings", c) }
      out.append(s)
    }
    return out
  }

  private func count(
    _ keyword: String, _ o: JSONObject, _ c: Context
  ) throws(JSONSchemaError)
    -> Int
  {
    guard let n = o[keyword]?.intValue, n >= 0 else {
      throw malformed(keyword, "a non-negative integer", c)
    }
    return n
  }

  private func number(
    _ keyword: String, _ o: JSONObject, _ c: Context
  ) throws(JSONSchemaError)
    -> (Double, JSONValue)
  {
    guard let value = o[keyword], let d = value.doubleValue else {
      throw malformed(keyword, "a number", c)
    }
    return (d, value)
  }

  private func typeSet(_ value: JSONValue, _ c: Context) throws(JSONSchemaError) -> SchemaTypeSet {
    func one(_ v: JSONValue) throws(JSONSchemaError) -> SchemaTypeSet {
      guard case .string(let name) = v,
        let entry = SchemaTypeSet.names.first(where: { $0.0 == name })
      else { throw malformed("type", "a type name or an array of type names", c) }
      return entry.1
    }
    if case .array(let items) = value {
      var set: SchemaTypeSet = []
      for item in items { set.formUnion(try one(item)) }
      return set
    }
    return try one(value)
  }

  private mutating func schemaList(
    _ keyword: String, _ o: JSONObject, _ c: Context
  )
    throws(JSONSchemaError) -> [Int]
  {
    guard case .array(let items) = o[keyword], !items.isEmpty else {
      throw malformed(keyword, "a non-empty array of schemas", c)
    }
    var out: [Int] = []
    for (i, item) in items.enumerated() {
      out.append(try compile(item, c.appending(keyword, String(i))))
    }
    return out
  }

  private mutating func regex(_ pattern: String) throws(JSONSchemaError) -> SchemaRegex {
    if let cached = regexes[pattern] { return cached }
    let compiled = try SchemaRegex(pattern)
    regexes[pattern] = compiled
    return compiled
  }
}
