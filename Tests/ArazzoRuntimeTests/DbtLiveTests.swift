import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoSyntax
import ArazzoTestServer
import Testing

/// The seed, unchanged, run against a test server that behaves like dbt Cloud.
@Suite struct DbtLiveTests {
  static let inputs: JSONValue = ["accountId": 1, "jobId": 2, "token": "T0KEN"]

  @Test func successPollsUntilTenThenListsArtifacts() async throws {
    try await withTestServer { server in
      scriptDbt(server, statuses: [1, 2, 3, 10])
      let result = try await runLive(
        seedPath, inputs: Self.inputs, servers: ["dbtAdminApi": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.outputs["runId"] == 77)
      #expect(result.outputs["finalStatus"] == 10)
      #expect(result.outputs["artifacts"] == ["manifest.json", "catalog.json", "run_results.json"])
      #expect(result.endedBy == nil)
      #expect(result.warnings.isEmpty, "\(result.warnings)")
      #expect(
        result.steps.map { "\($0.stepId)#\($0.visit)" } == [
          "triggerRun#1", "pollRun#1", "pollRun#2", "pollRun#3", "pollRun#4", "listArtifacts#1",
        ])
      #expect(
        result.steps.map(\.effect) == [
          .next, .goto(step: "pollRun"), .goto(step: "pollRun"), .goto(step: "pollRun"),
          .goto(step: "listArtifacts"), .return,
        ])

      let requests = server.requests
      #expect(
        requests.map { "\($0.method) \($0.path)" } == [
          "POST /api/v2/accounts/1/jobs/2/run/",
          "GET /api/v2/accounts/1/runs/77/", "GET /api/v2/accounts/1/runs/77/",
          "GET /api/v2/accounts/1/runs/77/", "GET /api/v2/accounts/1/runs/77/",
          "GET /api/v2/accounts/1/runs/77/artifacts/",
        ])
      // The unbraced `Bearer $inputs.token` quirk is interpolated.
      #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer T0KEN" })
      let trigger = try #require(requests.first)
      #expect(trigger.text == #"{"cause":"Triggered via Arazzo workflow"}"#)
      #expect(trigger.header("Content-Type") == "application/json")
      #expect(requests.dropFirst().allSatisfy { $0.body.isEmpty })
    }
  }

  @Test(arguments: [20, 30])
  func terminalFailureEndsTheRunAsSucceeded(status: Int) async throws {
    try await withTestServer { server in
      scriptDbt(server, statuses: [1, 3, status])
      let result = try await runLive(
        seedPath, inputs: Self.inputs, servers: ["dbtAdminApi": server.baseURL])
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(result.error == nil)
      #expect(result.outputs["runId"] == 77)
      #expect(result.outputs["finalStatus"] == .integer(status))
      #expect(result.outputs["artifacts"] == .null)
      #expect(result.endedBy == "runFailed at pollRun")
      #expect(
        result.warnings.contains { $0.message.contains("listArtifacts") }, "\(result.warnings)")
      #expect(!server.requests.contains { $0.path.hasSuffix("/artifacts/") })
      #expect(server.requests.count == 4)
      #expect(result.steps.last?.effect == .end(succeeded: true))
      #expect(result.steps.last?.action == "runFailed")
    }
  }

  @Test func strictLoweringRefusesTheSeed() throws {
    let (program, diagnostics) = Lowering.lower(
      path: seedPath, options: LoweringOptions(strict: true))
    #expect(program == nil)
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(!errors.isEmpty)
    // Both quirks: the unbraced `Bearer $inputs.token` and the jsonpath logical expressions.
    let text = errors.map(\.message).joined(separator: "\n")
    #expect(text.contains("$inputs.token"), "\(text)")
    #expect(text.contains("$.data.status"), "\(text)")
  }

  @Test func serverErrorOnTriggerFailsTheRun() async throws {
    try await withTestServer { server in
      server.route("POST /api/v2/accounts/1/jobs/2/run/") { _ in
        .json(#"{"status":{"code":401,"is_success":false}}"#, status: 401)
      }
      let result = try await runLive(
        seedPath, inputs: Self.inputs, servers: ["dbtAdminApi": server.baseURL])
      #expect(result.status == .failed)
      #expect(server.requests.count == 1)
      #expect(result.steps.first?.statusCode == 401)
      #expect(result.steps.first?.succeeded == false)
    }
  }
}
