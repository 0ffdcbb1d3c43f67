import ArazzoExpressions
import ArazzoHTTP
import ArazzoJSON
import ArazzoSyntax
import Testing

@testable import ArazzoRuntime

/// The unwrapped value, or a test failure.
func need<T>(_ value: T?, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> T {
  try #require(value, sourceLocation: sourceLocation)
}

/// The seed workflow's three requests, from its YAML: inputs bound from `--input` texts,
/// parameter values and payload compiled and evaluated as the Machine will, then built.
@Suite struct SeedRequestTests {
  @Test func seedStepsBuildTheirRequests() throws {
    let path = repoPath("examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
    guard case .success(let loaded) = DocumentLoader.load(path: path) else {
      throw FixtureError(description: "cannot load the seed")
    }
    let workflow = try #require(loaded.root["workflows"]?[0])
    let binding = InputBinder(schema: workflow["inputs"], documentRoot: loaded.root).bind(
      arguments: ["accountId=1", "jobId=2", "token=T"])
    #expect(binding.errors == [])
    let context = JSONContext(
      ["inputs": binding.inputs, "steps": ["triggerRun": ["outputs": ["runId": 77]]]])
    let index = try dbtIndex()

    var built: [PreparedRequest] = []
    for step in try #require(workflow["steps"]?.arrayValue) {
      let operationId = try need(step["operationId"]?.stringValue)
      let operation = try need(index.operation(id: operationId))
      var parameters: [RequestParameter] = []
      for p in step["parameters"]?.arrayValue ?? [] {
        var diagnostics: [Diagnostic] = []
        let template = ValueTemplate.compile(try #require(p["value"]), diagnostics: &diagnostics)
        let value = try #require(template.evaluate(in: context).value)
        let location = try need(ParameterLocation(rawValue: try need(p["in"]?.stringValue)))
        parameters.append(
          .init(name: try need(p["name"]?.stringValue), location: location, value: value))
      }
      var body: EvaluatedBody?
      if let requestBody = step["requestBody"] {
        var diagnostics: [Diagnostic] = []
        let payload = ValueTemplate.compile(
          try #require(requestBody["payload"]), diagnostics: &diagnostics)
        body = EvaluatedBody(
          contentType: requestBody["contentType"]?.stringValue,
          payload: try #require(payload.evaluate(in: context).value))
      }
      built.append(
        try RequestBuilder.build(
          operation: RequestOperation(operation, sourceName: "dbtAdminApi"), parameters: parameters,
          body: body))
    }
    #expect(
      built.map { "\($0.method) \($0.url)" } == [
        "POST https://cloud.getdbt.com/api/v2/accounts/1/jobs/2/run/",
        "GET https://cloud.getdbt.com/api/v2/accounts/1/runs/77/",
        "GET https://cloud.getdbt.com/api/v2/accounts/1/runs/77/artifacts/",
      ])
    #expect(built.allSatisfy { $0.header("Authorization") == "Bearer T" && $0.warnings.isEmpty })
    #expect(built[0].bodyText == #"{"cause":"Triggered via Arazzo workflow"}"#)
    #expect(built[0].header("Content-Type") == "application/json")

    // Shown as the Machine sends it: the token input is secret, its header hidden whole (even a
    // token too short to scrub from free text).
    let secrets = Redactor.secretValues(ofInputs: binding.inputs, schema: workflow["inputs"])
    #expect(secrets == ["T"])
    let sent = HTTPRequest(
      method: HTTPMethod(built[0].method), url: built[0].url,
      headers: HeaderFields(built[0].headers.map { ($0.name, $0.value) }), body: built[0].body)
    #expect(Redactor(secrets: Set(secrets)).request(sent).headers["Authorization"] == "REDACTED")
  }
}
