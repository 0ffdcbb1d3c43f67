import ArazzoJSON

/// Validates a document against the official Arazzo JSON Schema of its version and turns the
/// violations into located diagnostics.
///
/// Where the schema and the spec text disagree, the text wins (docs/semantics.md#schema-vs-text):
/// those violations are dropped, and the semantic checks judge the construct instead.
enum SchemaCheck {
  private static let v1_0 = compile(OfficialSchemas.v1_0)
  private static let v1_1 = compile(OfficialSchemas.v1_1)

  private static func compile(_ text: String) -> JSONSchema? {
    guard let value = try? JSONParser.parse(text) else { return nil }
    return try? JSONSchema(value)
  }

  /// The schema for a feature set.
  static func schema(for version: ArazzoVersion) -> JSONSchema? {
    version == .v11 ? v1_1 : v1_0
  }

  /// Diagnostics for the schema violations not already covered by `skipping` pointers.
  static func violations(
    of loaded: LoadedDocument, version: ArazzoVersion, skipping: Set<JSONPointer>
  ) -> [Diagnostic] {
    guard let schema = schema(for: version) else { return [] }
    return schema.validate(loaded.root).compactMap { violation in
      let at = violation.instanceLocation
      if skipping.contains(at) || isSpecConflict(violation, in: loaded.root) { return nil }
      let isProperty =
        violation.keyword == "unevaluatedProperties"
        || violation.keyword == "additionalProperties"
      let span = isProperty ? loaded.map.keySpan(at: at) : loaded.map.span(at: at)
      let where_ = at.tokens.isEmpty ? "the document" : "'\(at)'"
      return Diagnostic(
        .schemaViolation,
        "\(where_) does not match the Arazzo \(version.rawValue) schema: \(violation.message)",
        at: span, notes: [DiagnosticNote("schema keyword \(violation.keywordLocation)")])
    }
  }

  /// Whether a violation is one of the known places where the schema is stricter than the spec.
  static func isSpecConflict(_ violation: JSONSchemaViolation, in root: JSONValue) -> Bool {
    let tokens = violation.instanceLocation.tokens
    // A Criterion's `type` written as a Criterion Expression Type Object (the spec's own form).
    for end in stride(from: tokens.count, through: 0, by: -1) {
      let p = JSONPointer(tokens: Array(tokens.prefix(end)))
      if isCriterion(p), case .object = p.appending("type").value(in: root) {
        return true
      }
    }
    // A Payload Replacement `value` that is not a string (the spec's example uses `10`).
    if tokens.count >= 2, tokens[tokens.count - 1] == "value",
      tokens.count >= 3, tokens[tokens.count - 3] == "replacements"
    {
      return true
    }
    // Extra fields on a Reusable Object MUST be ignored, not rejected.
    for end in stride(from: tokens.count, through: 1, by: -1) {
      let p = JSONPointer(tokens: Array(tokens.prefix(end)))
      if case .object(let o) = p.value(in: root), o["reference"] != nil,
        violation.keyword == "unevaluatedProperties" || violation.keyword == "anyOf"
          || violation.keyword == "oneOf"
      {
        return true
      }
    }
    return false
  }

  private static func isCriterion(_ p: JSONPointer) -> Bool {
    guard p.tokens.count >= 2 else { return false }
    let list = p.tokens[p.tokens.count - 2]
    return list == "successCriteria" || list == "criteria"
  }
}
