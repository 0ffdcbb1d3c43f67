/// A compiled JSON Schema (draft 2020-12) that validates instances.
///
/// `format` and `content*` are annotations only, never asserted. References resolve within the
/// schema, the caller's `registry` and the built-in 2020-12 meta-schemas; nothing is fetched.
public struct JSONSchema: Sendable {
  private let program: SchemaProgram

  /// Compiles `schema`, retrieved from `baseURI`; `registry` maps URIs to other schema documents.
  public init(
    _ schema: JSONValue, baseURI: String = "", registry: [String: JSONValue] = [:]
  )
    throws(JSONSchemaError)
  {
    program = try SchemaCompiler.compile(schema, baseURI: baseURI, registry: registry)
  }

  /// Every violation of the schema by `instance`, in evaluation order; empty when it is valid.
  ///
  /// A `pattern` whose match gave up (`BoundedRegex`) makes the instance invalid with that one
  /// violation, saying so: neither valid nor "does not match".
  public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
    // Valid documents are the common case; the quick pass skips all message building.
    if isValid(instance) { return [] }
    let evaluator = SchemaEvaluator(program: program, verbose: true)
    _ = evaluator.evaluate(program.root, instance, collect: false)
    if let gaveUp = evaluator.gaveUp { return [gaveUp] }
    var seen: Set<String> = []
    let violations = evaluator.violations.filter { v in
      seen.insert(v.instanceLocation.description + "\u{0}" + v.message).inserted
    }
    guard violations.isEmpty else { return violations }
    // Never report an invalid instance as valid, even if no keyword explained itself.
    return [
      JSONSchemaViolation(
        instanceLocation: JSONPointer(), keywordLocation: "", keyword: "",
        message: "value does not match the schema")
    ]
  }

  /// Whether `instance` satisfies the schema; stops at the first failure.
  public func isValid(_ instance: JSONValue) -> Bool {
    let evaluator = SchemaEvaluator(program: program, verbose: false)
    return evaluator.evaluate(program.root, instance, collect: false).valid
      && evaluator.gaveUp == nil
  }
}
