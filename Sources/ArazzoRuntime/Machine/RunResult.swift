import ArazzoJSON

/// One completed step attempt, as the JSON report lists it.
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
  /// The chosen action's name (nil: the default) and what it did.
  public var action: String?
  public var effect: String
}

/// The outcome of a run (DESIGN.md's JSON contract).
public struct RunResult: Sendable {
  public enum Status: String, Sendable { case succeeded, failed }

  public var workflowId: String
  public var status: Status
  public var outputs: JSONObject
  public var steps: [StepAttempt]
  public var warnings: [String]
  /// Why the run failed, when it did.
  public var error: String?
  /// The action that ended the workflow (`runFailed at pollRun`), when one did.
  public var endedBy: String?

  /// The JSON report: `{"workflowId","status","outputs","steps","warnings","error"?,"endedBy"?}`.
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
        if let d = s.durationMilliseconds { step["durationMs"] = .number((d * 100).rounded() / 100) }
        step["succeeded"] = .bool(s.succeeded)
        if !s.reasons.isEmpty { step["reasons"] = .array(s.reasons.map(JSONValue.string)) }
        step["action"] = s.action.map(JSONValue.string) ?? .null
        step["effect"] = .string(s.effect)
        return .object(step)
      })
    o["warnings"] = .array(warnings.map(JSONValue.string))
    if let endedBy { o["endedBy"] = .string(endedBy) }
    if let error { o["error"] = .string(error) }
    return .object(o)
  }
}
