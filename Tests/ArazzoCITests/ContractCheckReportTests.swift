import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoCI
@testable import ArazzoRuntime

/// Contract checks (`StepAttempt.checks`) in the reports: an error-severity check fails its
/// case although the workflow succeeded, a warning does not; every reporter shows them.
@Suite struct ContractCheckReportTests {
  static func report(_ severity: Severity) -> TestRunReport {
    let check = Diagnostic(
      .criterionFailed, severity, "response body does not match the declared schema: /count",
      at: nil)
    var attempt = StepAttempt(
      workflowId: "browse", stepId: "list", visit: 1, method: "GET",
      url: "http://127.0.0.1:1/items", statusCode: 200, durationMilliseconds: 1.5,
      succeeded: true, reasons: [], failure: nil, action: nil, effect: .return)
    attempt.checks = [check]
    let result = RunResult(
      workflowId: "browse", status: .succeeded, outputs: JSONObject(), steps: [attempt],
      warnings: [], error: nil, endedBy: nil)
    let step = StepReport(
      attempt: attempt, target: ("operationId", "listItems"), responseStatus: 200,
      responseExcerpt: #"{"count":"3"}"#, criteria: [], file: "shop.arazzo.yaml", line: 39,
      column: 17)
    let c = CaseReport(
      document: "shop.arazzo.yaml", workflowId: "browse", line: 30, column: 17,
      inputs: .object(JSONObject()), result: result, steps: [step], duration: 0.01, warnings: [])
    return TestRunReport(
      documents: ["shop.arazzo.yaml"], cases: [c], coverage: nil, duration: 0.01)
  }

  @Test func anErrorCheckFailsTheCase() throws {
    let report = Self.report(.error)
    #expect(report.failedCount == 1)
    let c = report.cases[0]
    #expect(c.failureMessage == "response body does not match the declared schema: /count")
    let text = TextTestReporter().render(report)
    #expect(text.hasPrefix("✗ shop.arazzo.yaml  browse"))
    #expect(text.contains("error[AZ5005]: response body does not match the declared schema"))
    let json = try JSONParser.parse(JSONTestReporter().render(report))
    #expect(json["workflows"]?[0]?["status"] == "failed")
    #expect(json["workflows"]?[0]?["steps"]?[0]?["checks"]?[0]?["severity"] == "error")
    let junit = JUnitReporter().render(report)
    #expect(junit.contains(#"<failure message="response body does not match"#))
    let tap = TAPReporter().render(report)
    #expect(
      tap.contains("    not ok 1 - list") && tap.contains("not ok 1 - shop.arazzo.yaml browse"))
    let github = GitHubReporter().render(report)
    #expect(github.contains("::error file=shop.arazzo.yaml,line=39,col=17,title=browse failed::"))
    #expect(github.contains("::error file=shop.arazzo.yaml,line=39,col=17,title=AZ5005 list::"))
  }

  @Test func aWarningCheckIsShownButPasses() throws {
    let report = Self.report(.warning)
    #expect(report.failedCount == 0)
    #expect(TextTestReporter().render(report).hasPrefix("✓ shop.arazzo.yaml  browse"))
    let json = try JSONParser.parse(JSONTestReporter().render(report))
    #expect(json["workflows"]?[0]?["steps"]?[0]?["checks"]?[0]?["severity"] == "warning")
    #expect(
      GitHubReporter().render(report).hasPrefix(
        "::warning file=shop.arazzo.yaml,line=39,col=17,title=AZ5005 list::"))
  }
}
