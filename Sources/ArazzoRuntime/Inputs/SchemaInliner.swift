import ArazzoJSON
import Foundation

/// Inlines `$ref: "#/…"` references that resolve in the Arazzo document (such as
/// `#/components/inputs/pagination`), so an inputs schema can be compiled on its own.
///
/// A reference with sibling keywords becomes `allOf: [target, siblings]`. References that do
/// not resolve in the document (`#/$defs/x` inside the schema itself, remote URIs) are left for
/// the JSON Schema compiler. Cycles stop after a few levels and become `{}`.
struct SchemaInliner {
  var root: JSONValue?
  var maxDepth = 32

  func inline(_ schema: JSONValue) -> JSONValue {
    inline(schema, depth: 0, expanding: [])
  }

  private func inline(_ value: JSONValue, depth: Int, expanding: Set<String>) -> JSONValue {
    switch value {
    case .array(let items):
      return .array(items.map { inline($0, depth: depth, expanding: expanding) })
    case .object(let object):
      if let root, case .string(let ref)? = object["$ref"], ref.hasPrefix("#"),
        let pointer = try? JSONPointer(
          parsing: String(ref.dropFirst()).removingPercentEncodingIfAny),
        !pointer.tokens.isEmpty, let target = pointer.value(in: root)
      {
        if expanding.contains(ref) || depth >= maxDepth { return .object(JSONObject()) }
        let resolved = inline(target, depth: depth + 1, expanding: expanding.union([ref]))
        var siblings = object
        siblings["$ref"] = nil
        if siblings.isEmpty { return resolved }
        let rest = inline(.object(siblings), depth: depth, expanding: expanding)
        return ["allOf": [resolved, rest]]
      }
      var out = JSONObject()
      for (key, member) in object {
        // `const`, `enum`, `default` and `examples` hold data, not schemas.
        if ["const", "enum", "default", "examples"].contains(key) {
          out[key] = member
        } else if ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
          .contains(key), case .object(let map) = member
        {
          // A map from names to schemas: its keys are not keywords.
          out[key] = .object(
            JSONObject(
              map.members.map { ($0.key, inline($0.value, depth: depth, expanding: expanding)) }))
        } else {
          out[key] = inline(member, depth: depth, expanding: expanding)
        }
      }
      return .object(out)
    default:
      return value
    }
  }
}

extension String {
  fileprivate var removingPercentEncodingIfAny: String {
    contains("%") ? (removingPercentEncoding ?? self) : self
  }
}
