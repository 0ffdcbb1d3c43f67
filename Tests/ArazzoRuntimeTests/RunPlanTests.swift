import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArazzoTestSupport
import Foundation
import Testing

/// Setting a run up from plain values, on real files: what `run`, `debug` and the tests start
/// from, and every reason it refuses, as diagnostics (nothing printed, nothing sent).
@Suite struct RunPlanTests {
  /// The seed with `--input` texts for its three required inputs.
  static func seedRequest(_ extra: [String] = []) -> RunRequest {
    var request = RunRequest(document: seedPath)
    request.inputArguments = ["accountId=1", "jobId=2", "token=s3cret-token"] + extra
    request.servers = ["dbtAdminApi": "http://127.0.0.1:9"]
    return request
  }

  /// The refusal `request` meets (a test failure when the plan is made instead).
  static func refusal(_ request: RunRequest) throws -> RunRefusal {
    do {
      let plan = try RunPlan(request)
      throw FixtureError(description: "the plan was made for \(plan.workflow.workflowId)")
    } catch let refusal as RunRefusal {
      return refusal
    }
  }

  /// The codes and messages of the errors, one a line.
  static func errors(_ refusal: RunRefusal) -> [String] {
    refusal.diagnostics.filter { $0.severity == .error }.map { "\($0.code.rawValue) \($0.message)" }
  }

  @Test func aReadyPlanHasTypedInputsSecretsAndOptions() throws {
    var request = Self.seedRequest()
    request.environment = [
      "ARAZZO_INPUT_JOB_ID": "7", "ARAZZO_INPUT_CAUSE": "from the environment",
    ]
    request.maxSteps = 12
    request.deadline = .seconds(60)
    let plan = try RunPlan(request)
    #expect(plan.workflow.workflowId == "trigger-run-and-poll")
    // --input over the environment; typed by the schema; the default not needed.
    #expect(plan.inputs["accountId"] == 1)
    #expect(plan.inputs["jobId"] == 2)
    #expect(plan.inputs["cause"] == "from the environment")
    #expect(plan.sources["dbtAdminApi"]?["type"] == "openapi")
    #expect(plan.options.maxSteps == 12)
    #expect(plan.options.deadline != nil)
    #expect(plan.options.serverOverrides == ["dbtAdminApi": "http://127.0.0.1:9"])
    // The token is secret by its name; the machine and the redactor share one store of
    // secrets learned while running, which knows it already.
    #expect(plan.redactor.scrub("Bearer s3cret-token") == "Bearer REDACTED")
    let learned = try #require(plan.options.secrets)
    #expect(plan.redactor.learned === learned)
    #expect(!learned.learn("s3cret-token"))
    // The seed's own warnings (unbraced expressions, jsonpath logical expressions), as diagnostics.
    #expect(!plan.warnings.isEmpty)
    #expect(plan.warnings.allSatisfy { $0.severity == .warning && $0.span != nil })
  }

  @Test func showSecretsLearnsNothing() throws {
    var request = Self.seedRequest()
    request.showSecrets = true
    let plan = try RunPlan(request)
    #expect(plan.options.secrets == nil)
    #expect(plan.redactor.scrub("s3cret-token") == "s3cret-token")
  }

  @Test func anUndeclaredInputIsAWarning() throws {
    let plan = try RunPlan(Self.seedRequest(["acountId=1"]))
    let warning = try #require(plan.warnings.last)
    #expect(warning.code == .undeclaredInput)
    #expect(warning.message == "input 'acountId' is not declared by the workflow's inputs schema")
  }

  @Test func anUnknownWorkflowIdIsRefused() throws {
    var request = Self.seedRequest()
    request.workflow = "trigger-run"
    let refusal = try Self.refusal(request)
    #expect(!refusal.documentInvalid)
    #expect(
      Self.errors(refusal) == ["AZ4001 no workflow 'trigger-run'; workflows: trigger-run-and-poll"])
    // The document's warnings come first, as they were found.
    #expect(refusal.diagnostics.first?.severity == .warning)
  }

  @Test func badServerOverridesAreRefusedEachOnce() throws {
    var request = Self.seedRequest()
    request.servers = [
      "dbtAdminApi": "http://127.0.0.1:/", "dbtAdmin": "http://127.0.0.1:8080",
    ]
    let refusal = try Self.refusal(request)
    #expect(
      Self.errors(refusal) == [
        "AZ4003 --server dbtAdmin=…: no request uses a source description 'dbtAdmin'; sources: dbtAdminApi",
        "AZ4002 --server dbtAdminApi=http://127.0.0.1:/: the port after ':' is empty",
      ])
  }

  @Test func badInputsAreRefusedOnePerProblem() throws {
    var request = RunRequest(document: seedPath)
    request.inputArguments = ["accountId=one", "token=s3cret-token"]
    request.inputs = ["jobId": "two"]
    let refusal = try Self.refusal(request)
    let errors = Self.errors(refusal)
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.allSatisfy { $0.hasPrefix("AZ4004 ") }, "\(errors)")
    #expect(errors.contains { $0.contains("'accountId'") }, "\(errors)")
    #expect(errors.contains { $0.contains("jobId") }, "\(errors)")
    // What is shown of the refusal never shows a secret input.
    #expect(refusal.redactor.scrub("s3cret-token") == "REDACTED")
  }

  @Test func aMissingSourceRefusesTheDocument() throws {
    let folder = try TemporaryFolder()
    let path = try folder.writeMissingSourceDocument()
    var request = RunRequest(document: path)
    request.root = folder.url.path
    let refusal = try Self.refusal(request)
    #expect(refusal.documentInvalid)
    let error = try #require(refusal.diagnostics.first { $0.severity == .error })
    #expect(error.code == .sourceUnavailable)
    #expect(error.message == "source 'api' (./missing-openapi.yaml) was not found")
  }

  @Test func aMissingDocumentIsRefused() throws {
    let folder = try TemporaryFolder()
    let refusal = try Self.refusal(RunRequest(document: folder.appending("none.arazzo.yaml").path))
    #expect(refusal.documentInvalid)
    #expect(refusal.diagnostics.map(\.code) == [.unreadableFile])
  }

  /// The plan's machine runs the plan: its inputs, sources and options, through one driver.
  @Test func thePlansMachineRunsThePlan() async throws {
    try await withTestServer { server in
      scriptDbt(server, statuses: [10])
      var request = Self.seedRequest()
      request.servers = ["dbtAdminApi": server.baseURL]
      let plan = try RunPlan(request)
      var configuration = LiveTransport.Configuration()
      configuration.proxy = .none
      let transport = LiveTransport(configuration: configuration)
      let result = await plan.machine(transport: transport).run(
        workflow: plan.workflow.name, inputs: plan.inputs)
      await transport.shutdown()
      #expect(result.status == .succeeded, "\(result.error?.message ?? "")")
      #expect(server.requests.first?.header("Authorization") == "Bearer s3cret-token")
      #expect(result.outputs["finalStatus"] == 10)
    }
  }
}
