import ArazzoJSON
import Testing

@testable import ArazzoSyntax

/// `ContractSchema`: OpenAPI 3.0 Schema Objects in JSON Schema 2020-12 terms, references
/// gathered under `$defs` (cycles included), and the way back to where a keyword is written.
@Suite struct ContractSchemaTests {
  func json(_ text: String) -> JSONValue? { try? JSONParser.parse(text) }

  static func index(_ text: String) throws -> OpenAPIIndex {
    let built = OpenAPIIndex.build(try jsonDocument(text, path: "/tmp/contract-schema.json"))
    return try #require(built.index)
  }

  /// The translated schema of `getX`'s 200 application/json response.
  static func schema(
    _ schema: String, version: String = "3.0.3", components: String = "{}",
    direction: SchemaDirection = .response
  ) throws -> ContractSchema {
    let idx = try index(
      #"{"openapi":"\#(version)","info":{"title":"t","version":"1"},"paths":{"/x":{"get":{"operationId":"getX","responses":{"200":{"description":"d","content":{"application/json":{"schema":\#(schema)}}}}}}},"components":{"schemas":\#(components)}}"#
    )
    let op = try #require(idx.operation(id: "getX"))
    let media = try #require(op.responses.first?.content.first)
    return try #require(OperationContract(op, in: idx).schema(of: media, for: direction))
  }

  @Test func nullableAndBooleanExclusiveBoundsBecome2020() throws {
    let s = try Self.schema(
      #"{"type":"integer","nullable":true,"minimum":1,"exclusiveMinimum":true,"maximum":9,"exclusiveMaximum":false}"#
    )
    let root = try #require(s.schema["$defs"]?["s0"])
    #expect(root["type"] == .array(["integer", "null"]))
    #expect(root["nullable"] == nil)
    #expect(root["exclusiveMinimum"] == 1)
    #expect(root["minimum"] == nil)
    #expect(root["maximum"] == 9)
    #expect(root["exclusiveMaximum"] == nil)
  }

  @Test func nullableWithoutTypeIsDroppedAnd31IsKeptAsWritten() throws {
    let untyped = try Self.schema(#"{"nullable":true,"enum":["a"]}"#)
    #expect(untyped.schema["$defs"]?["s0"] == json(#"{"enum":["a"]}"#))
    let v31 = try Self.schema(#"{"type":"string","nullable":true}"#, version: "3.1.0")
    #expect(v31.schema["$defs"]?["s0"] == json(#"{"type":"string","nullable":true}"#))
  }

  @Test func referencesAreGatheredOnceAndSiblingsIgnoredIn30() throws {
    let s = try Self.schema(
      ##"{"$ref":"#/components/schemas/Node","type":"string"}"##,
      components:
        ##"{"Node":{"type":"object","properties":{"child":{"$ref":"#/components/schemas/Node"}}}}"##
    )
    #expect(s.schema["$defs"]?["s0"] == json(##"{"$ref":"#/$defs/s1"}"##))
    #expect(s.schema["$defs"]?["s1"]?["properties"]?["child"] == json(##"{"$ref":"#/$defs/s1"}"##))
    #expect(
      s.location(ofKeyword: "/$ref/$ref/properties/child/$ref/type")
        == "#/components/schemas/Node/type")
    #expect(
      s.location(ofKeyword: "/$ref/$ref/properties/child/$ref/properties/x")
        == "#/components/schemas/Node/properties/x")
    #expect(
      s.location(ofKeyword: "/$ref/required")
        == "#/paths/~1x/get/responses/200/content/application~1json/schema/required")
  }

  @Test func readOnlyAndWriteOnlyAreNotRequiredOneWay() throws {
    let components = #"{"Secret":{"type":"string","writeOnly":true}}"#
    let schema =
      ##"{"type":"object","required":["id","pw","name"],"properties":{"id":{"readOnly":true},"pw":{"$ref":"#/components/schemas/Secret"},"name":{}}}"##
    let response = try Self.schema(schema, components: components, direction: .response)
    #expect(response.schema["$defs"]?["s0"]?["required"] == .array(["id", "name"]))
    let request = try Self.schema(schema, components: components, direction: .request)
    #expect(request.schema["$defs"]?["s0"]?["required"] == .array(["pw", "name"]))
  }

  @Test func hostileSchemasStayBounded() throws {
    // A chain of references deeper than anything the translation follows, and a pure cycle.
    var components: [String] = []
    for i in 0..<3000 {
      components.append(##""S\##(i)":{"items":{"$ref":"#/components/schemas/S\##(i + 1)"}}"##)
    }
    components.append(#""S3000":{"type":"integer"}"#)
    components.append(##""A":{"$ref":"#/components/schemas/B"}"##)
    components.append(##""B":{"$ref":"#/components/schemas/A"}"##)
    let chain = try Self.schema(
      ##"{"$ref":"#/components/schemas/S0"}"##,
      components: "{" + components.joined(separator: ",") + "}")
    #expect((chain.schema["$defs"]?.objectValue?.count ?? 0) <= ContractSchema.maxDefinitions + 1)
    _ = try JSONSchema(chain.schema)
    let cycle = try Self.schema(
      ##"{"$ref":"#/components/schemas/A"}"##,
      components: "{" + components.joined(separator: ",") + "}")
    #expect(cycle.schema["$defs"]?.objectValue?.count == 3)
  }
}
