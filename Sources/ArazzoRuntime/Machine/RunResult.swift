import ArazzoJSON

/// What the action that ended a step attempt did.
public enum Effect: Sendable, Equatable {
  /// Continue at the next step.
  case next
  /// Continue past the last step: the workflow returns (succeeds).
  case `return`
  /// Continue at another step of the workflow.
  case goto(step: String)
  /// Replace this workflow invocation with another workflow (a tail call: docs/semantics.md#goto-workflow).
  case gotoWorkflow(String)
  /// Run the step again (its `attempt`-th retry by this action), after a delay.
  case retry(attempt: Int)
  /// End the workflow there: as succeeded on the success path, as failed on the failure path.
  case end(succeeded: Bool)
  /// Fail the workflow.
  case fail
}

/// One completed step attempt, as the JSON report lists it (its outcome).
public struct StepAttempt: Sendable {
  public var workflowId: String
  public var stepId: String
  public var visit: Int
  public var method: String?
  public var url: String?
  public var statusCode: Int?
  public var durationMilliseconds: Double?
  public var succeeded: Bool
  /// Why the criteria failed, or why there was no response.
  public var reasons: [String]
  /// Why the step failed: its code (AZ41xx: no response; AZ5xxx: criteria, a dependency, …),
  /// its reasons and where the step checks its outcome; nil when it succeeded.
  public var failure: Diagnostic?
  /// The chosen action's name (nil: the default) and what it did.
  public var action: String?
  public var effect: Effect
  /// The contract checks the attempt's exchange failed, one `Diagnostic` each (AZ6xxx, error or
  /// warning as `RunOptions.checks` says, at the step): observations, never its outcome.
  public var checks: [Diagnostic] = []
}

/// The outcome of a run; its `json` is the `--format json` report README describes.
public struct RunResult: Sendable {
  public enum Status: String, Sendable { case succeeded, failed }

  public var workflowId: String
  public var status: Status
  public var outputs: JSONObject
  public var steps: [StepAttempt]
  /// What went wrong but did not stop the run, each with its code and step's location.
  public var warnings: [Diagnostic]
  /// Why the run failed, when it did.
  public var error: Diagnostic?
  /// The action that ended the workflow (`runFailed at pollRun`), when one did.
  public var endedBy: String?

  /// Whether a step attempt failed a contract check set to `error` (`run` then exits 1).
  public var hasFailedChecks: Bool {
    steps.contains { $0.checks.contains { $0.severity == .error } }
  }

  /// The JSON report: `{"workflowId","status","outputs","steps","warnings","error"?,"endedBy"?,
  /// "diagnostics"}`: `warnings` and `error` are the messages, `diagnostics` the same with their
  /// codes and locations, warnings first; a failed step has the `code` of its failure.
  public var json: JSONValue {
    var o = JSONObject()
    o["workflowId"] = .string(workflowId)
    o["status"] = .string(status.rawValue)
    o["outputs"] = .object(outputs)
    o["steps"] = .array(
      steps.map { s in
        var step = JSONObject()
        step["workflowId"] = .string(s.workflowId)
        step["stepId"] = .string(s.stepId)
        step["visit"] = .integer(s.visit)
        if let m = s.method { step["method"] = .string(m) }
        if let u = s.url { step["url"] = .string(u) }
        if let c = s.statusCode { step["statusCode"] = .integer(c) }
        if let d = s.durationMilliseconds {
          step["durationMs"] = .number((d * 100).rounded() / 100)
        }
        step["succeeded"] = .bool(s.succeeded)
        if !s.reasons.isEmpty { step["reasons"] = .array(s.reasons.map(JSONValue.string)) }
        if let failure = s.failure { step["code"] = .string(failure.code.rawValue) }
        step["action"] = s.action.map(JSONValue.string) ?? .null
        step["effect"] = .string(s.effect.description)
        if !s.checks.isEmpty { step["checks"] = .array(s.checks.map(DiagnosticRenderer.json)) }
        return .object(step)
      })
    o["warnings"] = .array(warnings.map { .string($0.message) })
    if let endedBy { o["endedBy"] = .string(endedBy) }
    if let error { o["error"] = .string(error.message) }
    o["diagnostics"] = .array((warnings + (error.map { [$0] } ?? [])).map(DiagnosticRenderer.json))
    return .object(o)
  }
}
