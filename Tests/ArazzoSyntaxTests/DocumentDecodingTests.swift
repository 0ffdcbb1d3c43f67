import ArazzoJSON
import Testing

@testable import ArazzoSyntax

@Suite struct DocumentDecodingTests {
  static let examples = [
    "ExtendedParametersExample.arazzo.yaml", "FAPI-PAR.arazzo.yaml",
    "LoginAndRetrievePets.arazzo.yaml", "bnpl-arazzo.yaml", "oauth.arazzo.yaml",
    "pet-coupons.arazzo.yaml",
  ]

  @Test(arguments: examples)
  func specExampleDecodesCleanly(name: String) throws {
    let result = ArazzoDocument.decode(try loadFixture(TestPaths.specExamples + "/" + name))
    #expect(summary(result.diagnostics) == [])
    let doc = try #require(result.document)
    #expect(!doc.workflows.isEmpty)
    #expect(!doc.sourceDescriptions.isEmpty)
    #expect(doc.workflows.allSatisfy { !$0.steps.isEmpty })
    #expect(result.flaggedPointers.isEmpty)
  }

  @Test func seedDecodesWithEveryField() throws {
    let result = ArazzoDocument.decode(
      try loadFixture(TestPaths.shared("seed/dbt-cloud-trigger-run-and-poll.arazzo.yaml")))
    #expect(summary(result.diagnostics) == [])
    let doc = try #require(result.document)
    #expect(doc.arazzo.value == "1.0.1")
    #expect(doc.version == .v10)
    #expect(doc.info.title.value == "dbt Cloud Trigger Run and Poll to Completion")
    #expect(doc.sourceDescriptions.map(\.name.value) == ["dbtAdminApi"])
    #expect(doc.sourceDescriptions[0].type?.value == .openapi)
    let workflow = try #require(doc.workflow(id: "trigger-run-and-poll"))
    #expect(workflow.steps.map(\.stepId.value) == ["triggerRun", "pollRun", "listArtifacts"])
    #expect(workflow.inputs?.value["required"] == ["accountId", "jobId", "token"])
    #expect(workflow.outputs.map(\.name.value) == ["runId", "finalStatus", "artifacts"])

    let trigger = workflow.steps[0]
    #expect(trigger.operationId?.value == "triggerJobRun")
    #expect(trigger.operationId?.pointer.description == "/workflows/0/steps/0/operationId")
    let header = try #require(trigger.parameters[0].inline)
    #expect(header.name.value == "Authorization")
    #expect(header.location?.value == .header)
    #expect(header.value.value == "Bearer $inputs.token")
    #expect(trigger.requestBody?.contentType?.value == "application/json")
    #expect(trigger.requestBody?.payload?.value == ["cause": "$inputs.cause"])
    #expect(trigger.successCriteria.map(\.condition.value) == ["$statusCode == 200"])
    #expect(trigger.successCriteria[0].kind == .simple)

    let poll = workflow.steps[1]
    let actions = poll.onSuccess.compactMap(\.inline)
    #expect(actions.map(\.name.value) == ["runSucceeded", "runFailed", "keepPolling"])
    #expect(actions.map { $0.type?.value } == [.goto, .end, .goto])
    #expect(actions[0].stepId?.value == "listArtifacts")
    #expect(actions[0].criteria[0].kind == .jsonpath)
    #expect(actions[0].criteria[0].context?.value == "$response.body")
    #expect(
      actions[1].criteria[0].condition.pointer.description
        == "/workflows/0/steps/1/onSuccess/1/criteria/0/condition")
  }

  @Test func petCouponsReusablesAndComponents() throws {
    let result = ArazzoDocument.decode(
      try loadFixture(TestPaths.specExamples + "/pet-coupons.arazzo.yaml"))
    let doc = try #require(result.document)
    let components = try #require(doc.components)
    #expect(!components.inputs.isEmpty)
    #expect(!components.parameters.isEmpty)
    let reusables = doc.workflows.flatMap(\.steps).flatMap(\.parameters).compactMap(\.reusable)
    #expect(!reusables.isEmpty)
    #expect(reusables.allSatisfy { $0.componentReference?.kind == "parameters" })
  }
}
