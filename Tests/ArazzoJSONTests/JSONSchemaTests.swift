import Foundation
import Testing

@testable import ArazzoJSON

@Test(arguments: [
  ("5", "must be an object or a boolean"),
  (#"{"pattern": "([a-z"}"#, "invalid regular expression '([a-z'"),
  (#"{"required": "name"}"#, "'required' must be an array of strings"),
  (#"{"$ref": "http://example.com/nowhere.json"}"#, "cannot resolve reference"),
  (##"{"$ref": "#/$defs/missing"}"##, "cannot resolve reference '#/$defs/missing'"),
  (#"{"type": "strin"}"#, "'type' must be a type name"),
])
func malformedSchemasThrow(_ text: String, _ fragment: String) throws {
  let value = try JSONParser.parse(text)
  #expect(throws: JSONSchemaError.self) { try JSONSchema(value) }
  do { _ = try JSONSchema(value) } catch { #expect(error.message.contains(fragment)) }
}

@Test func registryResolvesRemoteReferences() throws {
  let remote = try JSONParser.parse(#"{"$defs": {"id": {"type": "string", "minLength": 2}}}"#)
  let schema = try JSONSchema(
    JSONParser.parse(#"{"properties": {"id": {"$ref": "defs.json#/$defs/id"}}}"#),
    baseURI: "https://example.com/root.json",
    registry: ["https://example.com/defs.json": remote])
  #expect(schema.isValid(try JSONParser.parse(#"{"id": "ab"}"#)))
  let violations = schema.validate(try JSONParser.parse(#"{"id": "a"}"#))
  #expect(violations.map(\.description) == ["/id: string is shorter than 2 characters"])
  #expect(violations.first?.keywordLocation == "/properties/id/$ref/minLength")
}

@Test func referenceCycleWithoutProgressTerminates() throws {
  let schema = try JSONSchema(
    JSONParser.parse(
      ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "##
        + ##""b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##))
  #expect(!schema.isValid(.integer(1)))
  #expect(schema.validate(.integer(1)).count == 1)
}

@Test func additionalPropertiesPointsAtEachUnknownProperty() throws {
  let schema = try JSONSchema(
    JSONParser.parse(
      #"{"properties": {"a": {}}, "additionalProperties": false, "required": ["b"]}"#))
  let violations = schema.validate(try JSONParser.parse(#"{"a": 1, "x": 2, "y/z": 3}"#))
  #expect(
    violations.map(\.description) == [
      "(root): missing required property 'b'",
      "/x: unknown property 'x'",
      "/y~1z: unknown property 'y/z'",
    ])
  #expect(
    violations.map(\.keyword) == ["required", "additionalProperties", "additionalProperties"])
}

@Test func formatIsAnnotationOnly() throws {
  let schema = try JSONSchema(JSONParser.parse(#"{"format": "email"}"#))
  #expect(schema.isValid("not an email"))
}

@Test(arguments: [
  ("^x-", ["x-a", "x-", "y-x-", "X-a", ""]),
  (#"^[a-zA-Z0-9\.\-_]+$"#, ["ok.name-1_2", "", "bad key", "é", "a\n"]),
  ("^(inputs|parameters)$", ["inputs", "parameters", "input", "inputs2", ""]),
  (#"^[-a-z]*$"#, ["", "-a-", "A"]),
  (#"^1\.0\.\d+(-.+)?$"#, ["1.0.1", "1.0.12-rc", "1.0.x", "1.0.1\n"]),
])
func regexShortcutsAgreeWithICU(_ pattern: String, _ samples: [String]) throws {
  let compiled = try SchemaRegex(pattern)
  let icu = try NSRegularExpression(pattern: SchemaRegex.translate(pattern))
  for sample in samples {
    let range = NSRange(location: 0, length: sample.utf16.count)
    let expected = icu.firstMatch(in: sample, range: range) != nil
    #expect(try compiled.matches(sample) == expected, "\(pattern) on \(sample.debugDescription)")
  }
}

@Test func deeplyNestedInstanceDoesNotOverflowTheStack() throws {
  let schema = try JSONSchema(
    JSONParser.parse(
      ##"{"anyOf": [{"type": "integer"}, {"properties": {"a": {"$ref": "#"}}, "unevaluatedProperties": false}]}"##
    ))
  var instance: JSONValue = "leaf"
  for _ in 0..<500 { instance = ["a": instance] }
  #expect(!schema.isValid(instance))
  #expect(!schema.validate(instance).isEmpty)
}
