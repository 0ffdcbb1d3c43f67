import Foundation
import Testing
import ArazzoJSON

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

@Test func seedValidationIsFast() throws {
  let schema = try arazzoSchema.get()
  let seed = try fixture("dbt-cloud-trigger-run-and-poll.arazzo.json")
  let rounds = 200
  let clock = ContinuousClock()
  let verbose = clock.measure { for _ in 0..<rounds { _ = schema.validate(seed) } }
  let fast = clock.measure { for _ in 0..<rounds { _ = schema.isValid(seed) } }
  print("Arazzo schema on the seed: validate \(verbose / rounds), isValid \(fast / rounds)")
  // Generous bound so debug builds on slow machines pass; release builds take far less.
  #expect(verbose / rounds < .milliseconds(20))
}

@Test func scratch() throws {
  let schema = try arazzoSchema.get()
  for text in scratchDocs {
    let doc = try JSONParser.parse(text)
    print("----")
    for v in schema.validate(doc) { print("  (\"\(v.instanceLocation)\", \"\(v.message)\")   \(v.keywordLocation)") }
  }
}

private let minimal = """
  "arazzo": "1.0.1", "info": {"title": "t", "version": "1"},
  "sourceDescriptions": [{"name": "api", "url": "openapi.yaml"}]
  """

private let scratchDocs = [
  #"{"arazzo": "1.0.1", "info": {"version": "1", "foo": 1}, "sourceDescriptions": [{"name": "api", "url": "x"}], "workflows": [{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "op"}]}]}"#,
  "{\(minimal), \"workflows\": [{\"workflowId\": \"w\", \"steps\": [{\"stepId\": \"s\", \"operationId\": \"op\", \"workflowId\": \"x\"}]}]}",
  "{\(minimal), \"workflows\": [{\"workflowId\": \"w\", \"steps\": [{\"stepId\": \"s\"}]}]}",
  "{\(minimal), \"workflows\": [{\"workflowId\": \"w\", \"steps\": [{\"stepId\": \"s\", \"operationId\": \"op\", \"onSuccess\": [{\"name\": \"a\", \"type\": \"jump\"}, {\"name\": \"b\", \"type\": \"goto\"}, \"oops\"]}]}]}",
  "{\(minimal), \"workflows\": [{\"workflowId\": \"w\", \"steps\": [{\"stepId\": \"s\", \"operationId\": \"op\", \"parameters\": [{\"name\": \"p\", \"in\": \"body\", \"value\": 1}, {\"name\": \"q\", \"value\": 1}, {\"reference\": \"$components.parameters.x\", \"extra\": 1}]}]}]}",
  "{\(minimal), \"workflows\": [{\"workflowId\": \"w\", \"steps\": [{\"stepId\": \"s\", \"operationId\": \"op\", \"successCriteria\": [{\"condition\": \"$statusCode == 200\", \"type\": \"jsonpath\"}, {\"condition\": \"x\", \"context\": \"$response.body\", \"type\": \"foo\"}, {\"context\": \"$response.body\", \"condition\": \"x\", \"type\": {\"type\": \"jsonpath\", \"version\": \"draft-01\"}}]}]}]}",
  #"{"arazzo": 2, "info": {"title": "t", "version": "1"}, "sourceDescriptions": [], "workflows": [{"workflowId": "w", "steps": [{"stepId": "s", "operationId": "op", "onFailure": [{"name": "r", "type": "retry", "retryLimit": -1, "retryAfter": "5"}]}], "outputs": {"bad key": "x"}}], "components": {"parameters": {"bad key!": {"name": "n", "value": 1}}, "widgets": {}}}"#,
  "{\(minimal), \"workflows\": [{\"workflowId\": \"w\", \"steps\": [{\"stepId\": \"s\", \"operationId\": \"op\", \"requestBody\": {\"contentType\": \"application/json\", \"payload\": {}, \"replacement\": []}}], \"inputs\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"strin\"}}}}]}",
]
