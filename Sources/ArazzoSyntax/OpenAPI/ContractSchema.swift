import ArazzoJSON

/// Whether a schema describes what a client sends or what a server answers: a `readOnly`
/// property is not required in a request, a `writeOnly` one not in a response.
public enum SchemaDirection: Sendable {
  case request, response
}

/// Where a schema is written: a file of an OpenAPI description and a pointer into it.
public struct SchemaSite: Sendable {
  public var document: LoadedDocument
  public var pointer: JSONPointer

  public init(document: LoadedDocument, pointer: JSONPointer) {
    self.document = document
    self.pointer = pointer
  }
}

/// A media type's schema made ready for the JSON Schema 2020-12 validator, and the way back
/// from a failing keyword to where it is written (docs/semantics.md#contract-checks).
///
/// - OpenAPI 3.0 Schema Objects are translated: `nullable: true` adds `null` to `type`;
///   boolean `exclusiveMinimum`/`exclusiveMaximum` become the numeric forms; siblings of
///   `$ref` are ignored, as 3.0 says. 3.1 schemas are 2020-12 already and are kept as written.
/// - Every `$ref` is followed through the description (its files) and the target gathered once
///   under `$defs`, so a cyclic reference stays a reference and costs nothing to translate.
/// - `required` drops the `readOnly` properties of a request and the `writeOnly` ones of a
///   response.
/// - Hostile schemas stay bounded: at most `maxDepth` levels, `maxDefinitions` targets and
///   `maxNodes` schema objects; beyond them (and at a reference that does not resolve) a
///   subschema accepts anything.
public struct ContractSchema: Sendable {
  /// The schema to compile: `{"$ref": "#/$defs/s0", "$defs": {…}}`, `s0` the media type's.
  public let schema: JSONValue
  /// Where each `$defs` entry is written.
  private let origins: [String: SchemaSite]
  /// The description's own file: locations in it are written as bare fragments (`#/paths/…`).
  private let entryFile: String

  static let maxDepth = 64
  static let maxDefinitions = 1_000
  static let maxNodes = 100_000

  /// Translates `value`, written at `site`; `resolve` follows a `$ref` from a file.
  public init(
    _ value: JSONValue, at site: SchemaSite, openAPI30: Bool, direction: SchemaDirection,
    entryFile: String,
    resolve: (String, LoadedDocument) -> (value: JSONValue, site: SchemaSite)?
  ) {
    let (root, translator) = withoutActuallyEscaping(resolve) { resolve in
      var translator = Translator(openAPI30: openAPI30, direction: direction, resolve: resolve)
      let root = translator.definition(value, at: site)
      while let next = translator.queue.popLast() {
        translator.definitions[next.key] = translator.translate(
          next.value, in: next.site.document, depth: 0)
      }
      return (root, (translator.definitions, translator.origins))
    }
    var top = JSONObject()
    top["$ref"] = .string("#/$defs/" + root)
    top["$defs"] = .object(translator.0)
    schema = .object(top)
    origins = translator.1
    self.entryFile = entryFile
  }

  /// Where the keyword at `evaluationPath` (a `JSONSchemaViolation.keywordLocation`, through
  /// `$ref`s) is written: `#/paths/~1runs/get/responses/200/content/application~1json/schema/
  /// properties/status/type`, prefixed by the file's path when it is another file.
  public func location(ofKeyword evaluationPath: String) -> String {
    let tokens = (try? JSONPointer(parsing: evaluationPath))?.tokens ?? []
    var site: SchemaSite?
    var pointer: [String] = []
    var node: JSONValue? = schema
    for token in tokens {
      if token == "$ref", case .string(let ref)? = node?["$ref"], ref.hasPrefix("#/$defs/") {
        let key = String(ref.dropFirst("#/$defs/".count))
        if let origin = origins[key] {
          site = origin
          pointer = origin.pointer.tokens
          node = schema["$defs"]?[key]
          continue
        }
      }
      pointer.append(token)
      switch node {
      case .object(let o)?: node = o[token]
      case .array(let items)?:
        node = Int(token).flatMap { items.indices.contains($0) ? items[$0] : nil }
      default: node = nil
      }
    }
    let file = site.map { $0.document.file.path == entryFile ? "" : $0.document.file.path } ?? ""
    return file + "#" + JSONPointer(tokens: pointer).description
  }
}

/// The translation's state: targets found, their keys, and what is left to translate.
private struct Translator {
  let openAPI30: Bool
  let direction: SchemaDirection
  let resolve: (String, LoadedDocument) -> (value: JSONValue, site: SchemaSite)?
  var definitions = JSONObject()
  var origins: [String: SchemaSite] = [:]
  /// Definition keys by `file#pointer`.
  var keys: [String: String] = [:]
  /// Targets met but not translated yet (translating them at once would recurse per `$ref`).
  var queue: [(key: String, value: JSONValue, site: SchemaSite)] = []
  var nodes = 0

  /// Keywords whose value is one subschema.
  static let single: Set<String> = [
    "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
    "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contentSchema", "items",
  ]
  /// Keywords whose value is an array of subschemas.
  static let arrays: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
  /// Keywords whose value maps names to subschemas.
  static let maps: Set<String> = [
    "properties", "patternProperties", "dependentSchemas", "$defs", "definitions",
  ]
  /// Keywords that would change how references resolve; every reference is resolved here.
  static let dropped: Set<String> = ["$id", "$anchor", "$dynamicAnchor", "$schema"]

  /// The `$defs` key of the schema at `site`, queued for translation when it is new.
  mutating func definition(_ value: JSONValue, at site: SchemaSite) -> String {
    let id = site.document.file.path + "#" + site.pointer.description
    if let key = keys[id] { return key }
    let key = "s\(origins.count)"
    keys[id] = key
    origins[key] = site
    definitions[key] = .bool(true)
    queue.append((key, value, site))
    return key
  }

  mutating func translate(_ value: JSONValue, in document: LoadedDocument, depth: Int) -> JSONValue
  {
    guard case .object(let o) = value else {
      if case .bool = value { return value }
      return .bool(true)  // not a schema: the description is broken there, check nothing
    }
    guard depth < ContractSchema.maxDepth, nodes < ContractSchema.maxNodes else {
      return .bool(true)
    }
    nodes += 1
    var out = JSONObject()
    if case .string(let ref)? = o["$ref"] {
      guard origins.count < ContractSchema.maxDefinitions, let target = resolve(ref, document)
      else { return .bool(true) }
      out["$ref"] = .string("#/$defs/" + definition(target.value, at: target.site))
      if openAPI30 { return .object(out) }
    }
    for member in o where member.key != "$ref" && !Self.dropped.contains(member.key) {
      let key = member.key
      switch member.value {
      case .object(let map) where Self.maps.contains(key):
        var translated = JSONObject()
        for entry in map {
          translated[entry.key] = translate(entry.value, in: document, depth: depth + 1)
        }
        out[key] = .object(translated)
      case .array(let items) where Self.arrays.contains(key) || key == "items":
        // A 3.0 tuple `items` array is 2020-12's `prefixItems`.
        out[key == "items" ? "prefixItems" : key] = .array(
          items.map { translate($0, in: document, depth: depth + 1) })
      case let schema where Self.single.contains(key):
        out[key] = translate(schema, in: document, depth: depth + 1)
      default:
        out[key] = member.value
      }
    }
    if openAPI30 { fix30(&out) }
    dropUnrequired(&out, document)
    return .object(out)
  }

  /// OpenAPI 3.0's own keywords in 2020-12 terms.
  private func fix30(_ o: inout JSONObject) {
    if case .bool(true)? = o["nullable"], case .string(let type)? = o["type"] {
      o["type"] = .array([.string(type), .string("null")])
    }
    o["nullable"] = nil
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
      guard case .bool(let on)? = o[exclusive] else { continue }
      o[exclusive] = on ? o[bound] : nil
      if on, o[bound] != nil { o[bound] = nil }
    }
  }

  /// `required` without the properties this direction does not carry (readOnly ones in a
  /// request, writeOnly ones in a response).
  private func dropUnrequired(_ o: inout JSONObject, _ document: LoadedDocument) {
    guard case .array(let names)? = o["required"], case .object(let properties)? = o["properties"]
    else { return }
    let flag = direction == .request ? "readOnly" : "writeOnly"
    let kept = names.filter { name in
      guard case .string(let n) = name, let schema = properties[n] else { return true }
      return !hasFlag(schema, flag, document)
    }
    if kept.count != names.count { o["required"] = .array(kept) }
  }

  /// Whether the property's schema (a translated one, whose `$ref` names a definition) sets
  /// `flag`.
  private func hasFlag(_ schema: JSONValue, _ flag: String, _ document: LoadedDocument) -> Bool {
    if case .bool(true)? = schema[flag] { return true }
    guard case .string(let ref)? = schema["$ref"], ref.hasPrefix("#/$defs/"),
      let site = origins[String(ref.dropFirst("#/$defs/".count))],
      let target = try? site.pointer.resolve(in: site.document.root)
    else { return false }
    if case .bool(true)? = target[flag] { return true }
    return false
  }
}
