import ArazzoJSON
import Testing

@testable import ArazzoSyntax

@Suite struct DbtCloudExampleTests {
  static let seed = TestPaths.repo(
    "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")

  /// The seed's relative source URL resolves to the OpenAPI file in the repo, which indexes cleanly.
  @Test func seedSourceResolvesToTheOpenAPIFile() throws {
    let loaded = try loadFixture(Self.seed)
    let decoded = ArazzoDocument.decode(loaded)
    #expect(summary(decoded.diagnostics) == [])
    let document = try #require(decoded.document)
    let set = SourceSet.load(for: document, loaded: loaded)
    #expect(summary(set.diagnostics) == [])
    #expect(
      set.resolvedLocations["dbtAdminApi"]
        == TestPaths.repo("examples/dbt-cloud/openapi/dbt-cloud-administrative-api-openapi.yml"))
    let index = try #require(set.openAPIIndex(named: "dbtAdminApi"))
    #expect(index.openapiVersion == "3.1.0")
    #expect(index.operations.count == 3)
    #expect(index.servers.map(\.url) == ["https://cloud.getdbt.com"])

    // Every operationId the seed uses exists.
    for step in document.workflows.flatMap(\.steps) {
      let id = try #require(step.operationId?.value)
      #expect(index.operation(id: id) != nil, "no operation \(id)")
    }
  }

  @Test func operationsHaveTheirPathsMethodsAndParameters() throws {
    let (built, diagnostics) = OpenAPIIndex.build(
      try loadFixture(
        TestPaths.repo("examples/dbt-cloud/openapi/dbt-cloud-administrative-api-openapi.yml")))
    #expect(summary(diagnostics) == [])
    let index = try #require(built)

    let trigger = try #require(index.operation(id: "triggerJobRun"))
    #expect(trigger.method == "post")
    #expect(trigger.pathTemplate == "/api/v2/accounts/{accountId}/jobs/{jobId}/run/")
    #expect(trigger.parameters.map(\.name) == ["accountId", "jobId"])
    #expect(trigger.parameters.allSatisfy { $0.location == "path" && $0.required })
    #expect(trigger.parameters.first?.schema == ["type": "integer"])
    #expect(trigger.requestBody?.required == true)
    #expect(trigger.requestBody?.contentTypes == ["application/json"])
    let body = try #require(trigger.requestBody?.content.first?.schema)
    #expect(body["required"] == ["cause"])
    #expect(body["properties"]?["git_branch"] != nil)
    #expect(body["properties"]?["schema_override"] != nil)
    #expect(trigger.servers.first?.resolvedURL() == "https://cloud.getdbt.com")
    #expect(trigger.security == [["bearerAuth": []]])

    let getRun = try #require(index.operation(id: "getRun"))
    #expect(getRun.method == "get")
    #expect(getRun.pathTemplate == "/api/v2/accounts/{accountId}/runs/{runId}/")
    #expect(getRun.pathVariables == ["accountId", "runId"])
    #expect(getRun.parameters.map(\.name) == ["accountId", "runId", "include_related"])
    #expect(getRun.parameter(named: "include_related", in: "query")?.required == false)
    #expect(getRun.responses.map(\.status) == ["200", "400", "401", "403", "404", "429"])

    let artifacts = try #require(index.operation(id: "listRunArtifacts"))
    #expect(artifacts.pathTemplate == "/api/v2/accounts/{accountId}/runs/{runId}/artifacts/")
    #expect(
      index.resolveOperationPath(
        fragment: "/paths/~1api~1v2~1accounts~1{accountId}~1runs~1{runId}~1artifacts~1/get"
      )
      .operation?.operationId == "listRunArtifacts")
  }
}
