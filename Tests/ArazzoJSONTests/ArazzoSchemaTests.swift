import ArazzoJSON
import Foundation
import Testing

/// The official Arazzo 1.0 schema, compiled once for all tests here.
private let arazzoSchema: Result<JSONSchema, JSONSchemaError> = {
  let url = SchemaTestSupport.shared
    .appendingPathComponent("testdata/arazzo-schemas/v1.0/schema-2025-10-15.json")
  guard let value = try? SchemaTestSupport.load(url) else {
    return .failure(JSONSchemaError(message: "cannot load \(url.path)"))
  }
  return Result { () throws(JSONSchemaError) in try JSONSchema(value) }
}()

private func fixture(_ path: String) throws -> JSONValue {
  try SchemaTestSupport.load(SchemaTestSupport.fixtures.appendingPathComponent(path))
}

@Test func arazzoSchemaCompiles() throws {
  _ = try arazzoSchema.get()
}

@Test func seedDocumentIsValid() throws {
  let schema = try arazzoSchema.get()
  let seed = try fixture("dbt-cloud-trigger-run-and-poll.arazzo.json")
  #expect(schema.validate(seed) == [])
  #expect(schema.isValid(seed))
}

@Test(arguments: ["bnpl-example", "oauth-example", "pet-coupons-example"])
func specPassExamplesAreValid(_ name: String) throws {
  let schema = try arazzoSchema.get()
  let document = try fixture("schema-v1.0/pass/\(name).json")
  #expect(schema.validate(document) == [])
  #expect(schema.isValid(document))
}

@Test(arguments: ["invalid-arazzo-version", "not-an-object"])
func specFailExamplesAreInvalid(_ name: String) throws {
  let schema = try arazzoSchema.get()
  let document = try fixture("schema-v1.0/fail/\(name).json")
  #expect(!schema.validate(document).isEmpty)
  #expect(!schema.isValid(document))
}

/// A deliberately broken Arazzo document and the exact diagnostics it must produce.
struct BrokenDocument: Sendable, CustomTestStringConvertible {
  var name: String
  var json: String
  var expected: [(String, String)]
  var testDescription: String { name }

  /// Wraps one step (JSON text) in a minimal, otherwise valid document.
  static func step(_ name: String, _ step: String, _ expected: [(String, String)]) -> Self {
    BrokenDocument(name: name, json: document(steps: "[\(step)]"), expected: expected)
  }

  static func document(steps: String, extra: String = "") -> String {
    """
    {"arazzo": "1.0.1", "info": {"title": "t", "version": "1"},
     "sourceDescriptions": [{"name": "api", "url": "openapi.yaml"}],
     "workflows": [{"workflowId": "w", "steps": \(steps)}]\(extra)}
    """
  }
}

private let brokenDocuments: [BrokenDocument] = [
  BrokenDocument(
    name: "info without title, with an unknown property",
    json: """
      {"arazzo": "1.0.1", "info": {"version": "1", "foo": 1},
       "sourceDescriptions": [{"name": "api", "url": "x"}],
       "workflows": [{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "op"}]}]}
      """,
    expected: [
      ("/info", "missing required property 'title'"),
      ("/info/foo", "unknown property 'foo'"),
    ]),
  BrokenDocument(
    name: "wrong root types",
    json: """
      {"arazzo": 2, "info": {"title": "t", "version": "1"}, "sourceDescriptions": [],
       "workflows": {}}
      """,
    expected: [
      ("/arazzo", "expected string, found integer"),
      ("/sourceDescriptions", "expected at least 1 item, found 0"),
      ("/workflows", "expected array, found object"),
    ]),
  .step(
    "step with two operation selectors",
    #"{"stepId": "s", "operationId": "op", "workflowId": "x"}"#,
    [("/workflows/0/steps/0", "only one of 'operationId', 'workflowId' may be given")]),
  .step(
    "step without an operation selector, with a misspelt one",
    #"{"stepId": "s", "operationID": "op"}"#,
    [
      (
        "/workflows/0/steps/0",
        "must have exactly one of the properties 'operationId', 'operationPath', 'workflowId'"
      ),
      ("/workflows/0/steps/0/operationID", "unknown property 'operationID'"),
    ]),
  .step(
    "bad success actions",
    #"{"stepId": "s", "operationId": "op", "onSuccess": [{"name": "a", "type": "jump"}, "#
      + #"{"name": "b", "type": "goto"}, "oops"]}"#,
    [
      ("/workflows/0/steps/0/onSuccess/0/type", #"value "jump" is not one of "end", "goto""#),
      (
        "/workflows/0/steps/0/onSuccess/1",
        "must have exactly one of the properties 'workflowId', 'stepId'"
      ),
      ("/workflows/0/steps/0/onSuccess/2", "expected object, found string"),
    ]),
  .step(
    "bad parameters",
    #"{"stepId": "s", "operationId": "op", "parameters": [{"name": "p", "in": "body", "#
      + #""value": 1}, {"name": "q", "value": 1}, {"reference": "$components.parameters.x", "#
      + #""extra": 1}]}"#,
    [
      (
        "/workflows/0/steps/0/parameters/0/in",
        #"value "body" is not one of "path", "query", "header", "cookie""#
      ),
      ("/workflows/0/steps/0/parameters/1", "missing required property 'in'"),
      ("/workflows/0/steps/0/parameters/2/extra", "unknown property 'extra'"),
    ]),
  .step(
    "bad criteria",
    #"{"stepId": "s", "operationId": "op", "successCriteria": [{"condition": "$statusCode == 200", "#
      + #""type": "jsonpath"}, {"condition": "x", "context": "$response.body", "type": "foo"}]}"#,
    [
      (
        "/workflows/0/steps/0/successCriteria/0",
        "property 'context' is required when 'type' is present"
      ),
      (
        "/workflows/0/steps/0/successCriteria/1/type",
        #"value "foo" is not one of "simple", "regex", "jsonpath", "xpath""#
      ),
    ]),
  .step(
    "bad retry failure action",
    #"{"stepId": "s", "operationId": "op", "onFailure": [{"name": "r", "type": "retry", "#
      + #""retryLimit": -1, "retryAfter": "5"}]}"#,
    [
      ("/workflows/0/steps/0/onFailure/0/retryLimit", "-1 is less than the minimum 0"),
      ("/workflows/0/steps/0/onFailure/0/retryAfter", "expected number, found string"),
    ]),
  BrokenDocument(
    name: "bad components and a misspelt request body key",
    json: BrokenDocument.document(
      steps: #"[{"stepId": "s", "operationId": "op", "requestBody": {"payload": {}, "#
        + #""replacement": []}}]"#,
      extra: #", "components": {"parameters": {"bad key!": {"name": "n", "value": 1}}, "#
        + #""widgets": {}}"#),
    expected: [
      ("/workflows/0/steps/0/requestBody/replacement", "unknown property 'replacement'"),
      (
        "/components/parameters/bad key!",
        #"invalid property name: "bad key!" does not match pattern '^[a-zA-Z0-9\.\-_]+$'"#
      ),
      ("/components/widgets", "unknown property 'widgets'"),
    ]),
  BrokenDocument(
    name: "workflow inputs that are not a valid JSON Schema",
    json: BrokenDocument.document(
      steps: #"[{"stepId": "s", "operationId": "op"}], "inputs": {"type": "object", "#
        + #""properties": {"a": {"type": "strin"}}}"#),
    expected: [
      (
        "/workflows/0/inputs/properties/a/type",
        #"value "strin" is not one of "array", "boolean", "integer", "null", "number", "object", "string""#
      )
    ]),
]

@Test(arguments: brokenDocuments)
func brokenDocumentDiagnostics(_ broken: BrokenDocument) throws {
  let schema = try arazzoSchema.get()
  let document = try JSONParser.parse(broken.json)
  let actual = schema.validate(document).map { ($0.instanceLocation.description, $0.message) }
  #expect(actual.map(\.0) == broken.expected.map(\.0))
  #expect(actual.map(\.1) == broken.expected.map(\.1))
  #expect(!schema.isValid(document))
}

@Test func violationCarriesKeywordAndLocations() throws {
  let schema = try arazzoSchema.get()
  let document = try JSONParser.parse(#"{"arazzo": "1.0.1", "info": {"title": "t"}}"#)
  let first = try #require(schema.validate(document).first)
  #expect(first.keyword == "required")
  #expect(first.keywordLocation == "/required")
  #expect(first.message == "missing required property 'sourceDescriptions'")
  let info = try #require(
    schema.validate(document).first { $0.instanceLocation.description == "/info" })
  #expect(info.keywordLocation == "/properties/info/$ref/required")
}
