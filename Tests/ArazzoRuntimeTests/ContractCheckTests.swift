import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestServer
import Foundation
import Testing

/// Contract checks against the loopback server: a server answering on and off the OpenAPI 3.0
/// and 3.1 descriptions in `Fixtures/contract*.openapi.yaml`, each failure with its code, its
/// severity as set, the instance path, the schema location and the value; and checks never
/// change the run.
@Suite struct ContractCheckTests {
  static let document = fixturePath("contract.arazzo.yaml")
  static let run = #"{"id":7,"status":"done","owner":{"kind":"user","name":"ann"}}"#

  /// Runs `workflow` against a server answering every request with `response`; the checks at
  /// `checks`. The result and the requests the server saw.
  func run(
    _ workflow: String, answer response: TestResponse,
    checks: ContractChecks = ContractChecks(.error), inputs: JSONValue = .object(JSONObject()),
    observer: RunObserver? = nil
  ) async throws -> RunResult {
    var result: RunResult?
    try await withTestServer { server in
      for path in ["/runs/7", "/runs", "/report", "/loop", "/items"] {
        server.route(path, respond: response)
      }
      let source = workflow == "items" ? "api31" : "api30"
      result = try await runLive(
        Self.document, workflow: workflow, inputs: inputs, servers: [source: server.baseURL],
        options: { $0.checks = checks }, observer: observer)
    }
    return try #require(result)
  }

  /// The failed checks of the run's only step attempt.
  func checks(_ result: RunResult) throws -> [Diagnostic] {
    try #require(result.steps.count == 1, "\(result.steps)")
    return result.steps[0].checks
  }

  @Test func aResponseOnContractPassesEveryCheck() async throws {
    let result = try await run("get-run", answer: .json(Self.run))
    #expect(result.status == .succeeded)
    #expect(try checks(result) == [])
  }

  @Test func anUndeclaredStatusFailsTheStatusCheckOnly() async throws {
    let result = try await run("get-run", answer: .text("<html>oops", status: 500))
    let failed = try checks(result)
    #expect(failed.map(\.code) == [.contractStatus])
    #expect(failed.first?.severity == .error)
    #expect(
      failed.first?.message
        == "step 'getRun': status 500 is not declared by GET /runs/{id} (getRun) (it declares 200, 4XX)"
    )
    // An observation: the step still succeeded (it has no criteria).
    #expect(result.status == .succeeded)
    #expect(result.hasFailedChecks)
  }

  @Test func aRangeAndDefaultAreDeclaredStatuses() async throws {
    let problem = TestResponse(
      status: 404, headers: [("Content-Type", "application/problem+json")],
      body: Array(#"{"title":"no such run"}"#.utf8))
    #expect(try checks(await run("get-run", answer: problem)) == [])
    // `default` with `application/*`: any application type, no schema.
    let other = TestResponse(
      status: 503, headers: [("Content-Type", "application/xml")], body: Array("<x/>".utf8))
    let created = try await run(
      "create-run", answer: other, inputs: ["run": ["name": "a"]])
    #expect(try checks(created) == [])
  }

  @Test func anUndeclaredContentTypeFails() async throws {
    let result = try await run(
      "get-run", answer: .text(Self.run, contentType: "text/html; charset=utf-8"))
    let failed = try checks(result)
    #expect(failed.map(\.code) == [.contractContentType])
    #expect(
      failed.first?.message
        == "step 'getRun': the 200 response has Content-Type 'text/html; charset=utf-8'; GET /runs/{id} (getRun) declares application/json for '200'"
    )
  }

  @Test func aBodyBreakingTheSchemaNamesPathLocationAndValue() async throws {
    let body = #"{"id":7,"status":5}"#
    let failed = try checks(await run("get-run", answer: .json(body)))
    #expect(failed.map(\.code) == [.contractResponseBody])
    let message = try #require(failed.first?.message)
    #expect(message.contains("at /status: expected"), "\(message)")
    #expect(message.contains("; value 5;"), "\(message)")
    #expect(
      message.hasSuffix("schema #/components/schemas/Run/properties/status/type"), "\(message)")
  }

  @Test func openAPI30NullableReadWriteOnlyAllOfAndCycles() async throws {
    // nullable: status may be null; password (writeOnly) is not required in a response.
    #expect(try checks(await run("get-run", answer: .json(#"{"id":7,"status":null}"#))) == [])
    // id is not nullable.
    let nullId = try checks(await run("get-run", answer: .json(#"{"id":null,"status":"x"}"#)))
    #expect(nullId.first?.message.contains("at /id:") == true, "\(nullId)")
    // allOf reaches Base through a reference: the location is where `enum` is written.
    let owner = try checks(
      await run("get-run", answer: .json(#"{"id":7,"status":"x","owner":{"kind":"robot"}}"#)))
    let ownerMessage = try #require(owner.first?.message)
    #expect(ownerMessage.contains("at /owner/kind:"), "\(ownerMessage)")
    #expect(ownerMessage.contains(#"value "robot""#), "\(ownerMessage)")
    #expect(ownerMessage.hasSuffix("schema #/components/schemas/Base/properties/kind/enum"))
    // A recursive schema (Node → Node) validates deep values.
    let tree = #"{"id":7,"status":"x","tree":{"child":{"child":{"value":"deep"}}}}"#
    let deep = try checks(await run("get-run", answer: .json(tree)))
    let deepMessage = try #require(deep.first?.message)
    #expect(deepMessage.contains("at /tree/child/child/value:"), "\(deepMessage)")
    #expect(deepMessage.hasSuffix("schema #/components/schemas/Node/properties/value/type"))
    // exclusiveMinimum: true (3.0's boolean form) excludes the minimum.
    let score = try checks(await run("get-run", answer: .json(#"{"id":7,"status":"x","score":0}"#)))
    #expect(score.first?.message.contains("at /score:") == true, "\(score)")
  }

  @Test func aCycleOfReferencesDoesNotHang() async throws {
    let result = try await run("loop", answer: .json("{}"))
    #expect(result.steps.count == 1)
  }

  @Test func theRequestBodySentIsChecked() async throws {
    let created = TestResponse.json(#"{"id":1,"status":"new"}"#, status: 201)
    // readOnly id is not required in the request; name is.
    let good = try await run(
      "create-run", answer: created, inputs: ["run": ["name": "a", "count": 2]])
    #expect(try checks(good) == [])
    let bad = try await run(
      "create-run", answer: created, inputs: ["run": ["count": 0]])
    let failed = try checks(bad)
    #expect(failed.map(\.code) == [.contractRequestBody])
    let message = try #require(failed.first?.message)
    #expect(message.hasPrefix("step 'createRun': the request body (application/json)"))
    let all = ([message] + (failed.first?.notes.map(\.message) ?? [])).joined(separator: "\n")
    #expect(all.contains("missing required property 'name'"), "\(all)")
    #expect(
      all.contains("schema #/components/schemas/RunRequest/properties/count/exclusiveMinimum"),
      "\(all)")
  }

  @Test func xmlAndEmptyBodiesAreNotExamined() async throws {
    let xml = TestResponse.text("<report/>", contentType: "application/xml")
    #expect(try checks(await run("report", answer: xml)) == [])
    #expect(try checks(await run("report", answer: TestResponse(status: 204))) == [])
  }

  @Test func openAPI31SchemasAreJSONSchema2020() async throws {
    let ok = #"{"count":null,"items":[{"id":1}]}"#
    #expect(try checks(await run("items", answer: .json(ok))) == [])
    let failed = try checks(await run("items", answer: .json(#"{"count":"x","items":[{"id":2}]}"#)))
    let text = failed.flatMap { [$0.message] + $0.notes.map(\.message) }.joined(separator: "\n")
    #expect(
      text.contains(
        "schema #/paths/~1items/get/responses/200/content/application~1json; charset=utf-8/schema/properties/count/type"
      ), "\(text)")
    #expect(text.contains("schema #/components/schemas/Item/properties/id/const"), "\(text)")
  }

  @Test func severitiesFollowTheSettings() async throws {
    var settings = ContractChecks(.warn)
    settings[.status] = .off
    let off = try await run("get-run", answer: .text("x", status: 500), checks: settings)
    #expect(try checks(off) == [])
    let warned = try await run("get-run", answer: .json(#"{"status":1}"#), checks: settings)
    #expect(try checks(warned).map(\.severity) == [.warning])
    #expect(!warned.hasFailedChecks)
    // By default (run, debug) every check is off.
    let none = try await run("get-run", answer: .text("x", status: 500), checks: ContractChecks())
    #expect(try checks(none) == [])
    let parsed = ContractChecks.parse(["all=warn", "status=error"], from: ContractChecks())
    #expect(try parsed.get()[.status] == .error)
    #expect(try parsed.get()[.requestBody] == .warn)
    #expect(throws: ContractCheckSettingError.self) {
      try ContractChecks.parse(["bodies=error"], from: ContractChecks()).get()
    }
    #expect(throws: ContractCheckSettingError.self) {
      try ContractChecks.parse(["status=fatal"], from: ContractChecks()).get()
    }
  }

  @Test func reportsShowFailedChecksUnderTheStep() async throws {
    var lines: [String] = []
    let reporter = TextReporter(redactor: Redactor()) { lines.append($0) }
    let result = try await run("get-run", answer: .json(#"{"id":7}"#), observer: reporter)
    let text = lines.joined()
    let step = try #require(text.range(of: "getRun  "))
    let check = try #require(
      text.range(of: "  error[AZ6003]: step 'getRun': the 200 response body"))
    #expect(step.upperBound < check.lowerBound, "\(text)")
    let json = result.json["steps"]?[0]?["checks"]?[0]
    #expect(json?["code"] == "AZ6003")
    #expect(json?["severity"] == "error")
    #expect(result.json["warnings"] == .array([]))
  }
}
