import ArazzoJSON
import FuzzSupport

/// JSON Schema 2020-12: the input is JSON; `[schema, instance]` compiles the schema and
/// validates the instance (both the quick check and the full violation list); any other value
/// is compiled as a schema and validated against itself and the fixed run context.
@main enum FuzzJSONSchema {
  static func main() { FuzzDriver.run(testOneInput) }
}

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let value = try? JSONParser.parse(bytes: FuzzInput.bytes(data, size)) else { return 0 }
  let schemaValue: JSONValue
  let instances: [JSONValue]
  if case .array(let pair) = value, pair.count == 2 {
    schemaValue = pair[0]
    instances = [pair[1]]
  } else {
    schemaValue = value
    instances = [value, FuzzFixtures.context]
  }
  guard let schema = try? JSONSchema(schemaValue, baseURI: "https://fuzz.example.test/schema")
  else { return 0 }
  for instance in instances {
    _ = schema.isValid(instance)
    for violation in schema.validate(instance) { _ = violation.description }
  }
  return 0
}
