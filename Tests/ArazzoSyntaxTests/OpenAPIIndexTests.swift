import ArazzoJSON
import Testing

@testable import ArazzoSyntax

private func index(_ path: String) throws -> OpenAPIIndex {
  let (index, diagnostics) = OpenAPIIndex.build(try loadFixture(path))
  #expect(summary(diagnostics) == [])
  return try #require(index)
}

private func indexJSON(_ text: String) throws -> (OpenAPIIndex?, [Diagnostic]) {
  let built = OpenAPIIndex.build(try jsonDocument(text, path: "/tmp/inline-openapi.json"))
  return (built.index, built.diagnostics)
}

@Suite struct OpenAPIIndexTests {
  @Test(arguments: [
    ("examples/1.0.0/FAPI-PAR.openapi.yaml", 5, "Par", "https://api.uat.example.com/"),
    ("examples/1.0.0/oauth.openapi.yaml", 2, "get-token", "https://auth.example.com"),
    ("examples/1.0.0/pet-coupons.openapi.yaml", 11, "getPetCoupons", "/"),
    ("examples/1.0.0/bnpl-openapi.yaml", 7, "createCustomer", "/bnpl/v1"),
    (
      "external/swagger-petstore/openapi.yaml", 19, "findPetsByStatus",
      "https://petstore3.swagger.io/api/v3"
    ),
  ])
  func indexesExampleDescriptions(
    file: String, count: Int, operationId: String, server: String
  )
    throws
  {
    let idx = try index(TestPaths.shared("testdata/arazzo-spec-examples/" + file))
    #expect(idx.operations.count == count)
    let op = try #require(idx.operation(id: operationId))
    #expect(op.servers.first?.url == server)
    #expect(idx.operation(path: op.pathTemplate, method: op.method)?.operationId == operationId)
  }

  @Test func operationIdsAreCaseSensitive() throws {
    let idx = try index(TestPaths.specExamples + "/FAPI-PAR.openapi.yaml")
    #expect(idx.operation(id: "PAR") == nil)
    #expect(idx.closestOperationId(to: "PAR") == "Par")
  }

  @Test func petstoreParametersAndBodies() throws {
    let idx = try index(
      TestPaths.shared("testdata/arazzo-spec-examples/external/swagger-petstore/openapi.yaml"))
    let find = try #require(idx.operation(id: "findPetsByStatus"))
    #expect(find.method == "get")
    #expect(find.pathTemplate == "/pet/findByStatus")
    #expect(find.parameters.map(\.name) == ["status"])
    #expect(find.parameters.first?.location == "query")
    let get = try #require(idx.operation(id: "getPetById"))
    #expect(get.pathVariables == ["petId"])
    #expect(get.parameter(named: "petId", in: "path")?.required == true)
    let add = try #require(idx.operation(id: "addPet"))
    #expect(
      add.requestBody?.contentTypes == [
        "application/json", "application/xml", "application/x-www-form-urlencoded",
      ])
    // The Pet schema was a $ref to #/components/schemas/Pet; inlined, its properties are visible.
    #expect(add.requestBody?.content.first?.schema?["properties"]?["name"] != nil)
    #expect(add.responses.map(\.status).contains("200"))
  }

  @Test func operationPathToAnOperation() throws {
    let idx = try index(
      TestPaths.shared("testdata/arazzo-spec-examples/external/swagger-petstore/openapi.yaml"))
    #expect(
      idx.resolveOperationPath(fragment: "/paths/~1pet~1findByStatus/get").operation?.operationId
        == "findPetsByStatus")
    // Percent-encoded forms are accepted too (docs/semantics.md#operation-path).
    #expect(
      idx.resolveOperationPath(fragment: "/paths/~1pet~1%7BpetId%7D/get").operation?.operationId
        == "getPetById")
    #expect(
      idx.resolveOperationPath(fragment: "/paths/~1pet~1{petId}/delete").operation?.operationId
        == "deletePet")
  }

  @Test func operationPathToAPathItem() throws {
    // LoginAndRetrievePets points at the Path Item, not its GET operation.
    let idx = try index(
      TestPaths.shared("testdata/arazzo-spec-examples/external/swagger-petstore/openapi.yaml"))
    let r = idx.resolveOperationPath(fragment: "/paths/~1pet~1findByStatus")
    guard case .pathItem(let path, let methods) = r else {
      Issue.record("expected a path item, got \(r)")
      return
    }
    #expect(path == "/pet/findByStatus")
    #expect(methods == ["get"])
    #expect(
      r.explanation
        == "the pointer ends at the Path Item '/pet/findByStatus' (operations get), not at an operation"
    )
  }

  @Test func operationPathFailures() throws {
    let idx = try index(
      TestPaths.shared("testdata/arazzo-spec-examples/external/swagger-petstore/openapi.yaml"))
    guard
      case .noSuchPath(_, let closest) = idx.resolveOperationPath(
        fragment: "/paths/~1pet~1findByStatuss/get")
    else {
      Issue.record("expected noSuchPath")
      return
    }
    #expect(closest == "/pet/findByStatus")
    guard
      case .noSuchMethod(_, "post", let methods) = idx.resolveOperationPath(
        fragment: "/paths/~1pet~1findByStatus/post")
    else {
      Issue.record("expected noSuchMethod")
      return
    }
    #expect(methods == ["get"])
    guard
      case .notAnOperation = idx.resolveOperationPath(
        fragment: "/paths/~1pet~1findByStatus/get/responses")
    else {
      Issue.record("expected notAnOperation")
      return
    }
    guard case .notAnOperation = idx.resolveOperationPath(fragment: "/components/schemas/Pet")
    else {
      Issue.record("expected notAnOperation")
      return
    }
    guard case .invalidPointer = idx.resolveOperationPath(fragment: "paths/x") else {
      Issue.record("expected invalidPointer")
      return
    }
  }

  @Test func swaggerTwoIsRejected() throws {
    let (idx, diagnostics) = try indexJSON(#"{"swagger": "2.0", "paths": {}}"#)
    #expect(idx == nil)
    #expect(diagnostics.map(\.code) == [.invalidSource])
    #expect(diagnostics.first?.message.hasPrefix("Swagger 2.0 is not supported") == true)
  }

  @Test func inheritanceAndReferences() throws {
    let text = #"""
      {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
       "servers": [{"url": "https://{env}.example.com", "variables": {"env": {"default": "api"}}}],
       "paths": {
         "/a/{id}": {
           "servers": [{"url": "https://item.example.com"}],
           "parameters": [{"$ref": "#/components/parameters/Id"}, {"name": "X-Trace", "in": "header"}],
           "get": {"operationId": "getA", "parameters": [{"name": "x-trace", "in": "header", "required": true}]},
           "post": {"operationId": "postA", "servers": [{"url": "https://op.example.com"}],
                    "requestBody": {"$ref": "#/components/requestBodies/Body"}}
         },
         "/b": {"$ref": "#/components/pathItems/B"},
         "/c": {"get": {"operationId": "getA"}},
         "/loop": {"$ref": "#/components/pathItems/Loop"}
       },
       "components": {
         "parameters": {"Id": {"name": "id", "in": "path", "schema": {"type": "integer"}}},
         "requestBodies": {"Body": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}},
         "schemas": {"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}},
         "pathItems": {"B": {"delete": {"operationId": "deleteB"}}, "Loop": {"$ref": "#/components/pathItems/Loop"}}
       }}
      """#
    let (built, diagnostics) = try indexJSON(text)
    let idx = try #require(built)
    #expect(diagnostics.map(\.code) == [.invalidSource, .invalidSource])
    #expect(diagnostics.map(\.severity) == [.warning, .warning])
    #expect(idx.servers.first?.resolvedURL() == "https://api.example.com")
    let getA = try #require(idx.operation(id: "getA"))
    #expect(getA.pathTemplate == "/a/{id}")
    #expect(getA.servers.map(\.url) == ["https://item.example.com"])
    #expect(getA.parameters.map(\.name) == ["id", "x-trace"])
    #expect(getA.parameters[1].required)
    #expect(getA.parameters[0].pointer.description == "/components/parameters/Id")
    let postA = try #require(idx.operation(id: "postA"))
    #expect(postA.servers.map(\.url) == ["https://op.example.com"])
    #expect(postA.requestBody?.required == true)
    // The recursive schema is inlined once and the inner reference is kept.
    #expect(
      postA.requestBody?.content.first?.schema?["properties"]?["next"]?["$ref"]
        == "#/components/schemas/Node")
    #expect(idx.operation(id: "deleteB")?.pathTemplate == "/b")
    #expect(idx.operation(path: "/b", method: "DELETE")?.operationId == "deleteB")
  }
}

@Suite struct LargeOpenAPITests {
  /// A ~800 KB description indexes quickly and completely.
  @Test(.timeLimit(.minutes(1))) func indexesDiscord() throws {
    let path = TestPaths.shared(
      "testdata/realworld/jentic__arazzo-engine/runner/tests/fixtures/discord/discord.openapi.json")
    let clock = ContinuousClock()
    var built: OpenAPIIndex?
    let elapsed = try clock.measure { built = OpenAPIIndex.build(try loadFixture(path)).index }
    let index = try #require(built)
    #expect(index.operations.count > 100)
    #expect(elapsed < .seconds(60))  // a hang guard; bench/ measures speed
  }
}
