import ArazzoJSON
import ArazzoRuntime

/// `--reporter json`: one object, `{"workflows":[…],"summary":{…},"coverage"?:[…]}`; per
/// workflow its document, inputs (secrets redacted), outputs, status, duration and step
/// attempts (README "arazzo test (CI)").
public struct JSONTestReporter: TestReporter {
  public init() {}

  public func render(_ report: TestRunReport) -> String {
    var o = JSONObject()
    o["workflows"] = .array(report.cases.map(workflow))
    var summary = JSONObject()
    summary["workflows"] = .integer(report.cases.count)
    summary["passed"] = .integer(report.passedCount)
    summary["failed"] = .integer(report.failedCount)
    summary["durationMs"] = milliseconds(report.duration)
    o["summary"] = .object(summary)
    if let coverage = report.coverage { o["coverage"] = .array(coverage.map(Self.coverage)) }
    return JSONPrinter.pretty(.object(o)) + "\n"
  }

  func milliseconds(_ seconds: Double) -> JSONValue {
    .number((seconds * 100_000).rounded() / 100)
  }

  func workflow(_ c: CaseReport) -> JSONValue {
    var o = JSONObject()
    o["document"] = .string(c.document)
    o["workflowId"] = .string(c.workflowId)
    o["status"] = .string(c.passed ? "passed" : "failed")
    o["durationMs"] = milliseconds(c.duration)
    o["inputs"] = c.inputs
    o["outputs"] = .object(c.result.outputs)
    if let message = c.failureMessage { o["error"] = .string(message) }
    if let endedBy = c.result.endedBy { o["endedBy"] = .string(endedBy) }
    o["steps"] = .array(c.steps.map(step))
    o["diagnostics"] = .array(
      (c.warnings + (c.result.error.map { [$0] } ?? [])).map(DiagnosticRenderer.json))
    return .object(o)
  }

  func step(_ s: StepReport) -> JSONValue {
    let a = s.attempt
    var o = JSONObject()
    o["workflowId"] = .string(a.workflowId)
    o["stepId"] = .string(a.stepId)
    o["visit"] = .integer(a.visit)
    if let target = s.target { o[target.kind] = .string(target.value) }
    if let m = a.method { o["method"] = .string(m) }
    if let u = a.url { o["url"] = .string(u) }
    if let c = a.statusCode { o["statusCode"] = .integer(c) }
    if let d = a.durationMilliseconds { o["durationMs"] = .number((d * 100).rounded() / 100) }
    o["succeeded"] = .bool(a.succeeded)
    if let failure = a.failure { o["code"] = .string(failure.code.rawValue) }
    if !a.reasons.isEmpty { o["reasons"] = .array(a.reasons.map(JSONValue.string)) }
    o["criteria"] = .array(
      s.criteria.map { c in
        var criterion = JSONObject()
        criterion["condition"] = .string(c.condition)
        criterion["type"] = .string(c.type)
        criterion["passed"] = .bool(c.passed)
        return .object(criterion)
      })
    o["checks"] = .array(a.checks.map(DiagnosticRenderer.json))
    o["action"] = a.action.map(JSONValue.string) ?? .null
    o["effect"] = .string(a.effect.description)
    return .object(o)
  }

  static func coverage(_ r: CoverageReport) -> JSONValue {
    var o = JSONObject()
    o["description"] = .string(r.description)
    o["sources"] = .array(r.sources.map(JSONValue.string))
    o["called"] = .integer(r.calledCount)
    o["operations"] = .array(
      r.operations.map { op in
        var e = JSONObject()
        e["method"] = .string(op.method)
        e["path"] = .string(op.path)
        if let id = op.operationId { e["operationId"] = .string(id) }
        e["called"] = .bool(op.called)
        e["declared"] = .array(op.declared.map(JSONValue.string))
        e["seen"] = .array(op.seen.map(JSONValue.integer))
        e["undeclared"] = .array(op.undeclared.map(JSONValue.integer))
        return .object(e)
      })
    return .object(o)
  }
}
