import ArazzoJSON

/// What a failure action does.
public enum FailureActionType: String, Sendable, Equatable, CaseIterable {
  case end, retry, goto
}

/// The Failure Action Object: what to do after a step fails.
public struct FailureAction: Sendable {
  public var name: Located<String>
  /// nil when missing or not `end`/`retry`/`goto` (already reported).
  public var type: Located<FailureActionType>?
  public var workflowId: Located<String>?
  public var stepId: Located<String>?
  /// [1.1] Inputs for the target workflow.
  public var parameters: [InlineOrReusable<Parameter>]
  /// Seconds to wait before retrying (decimals allowed).
  public var retryAfter: Located<Double>?
  /// Retries allowed before the step counts as failed (absent: one).
  public var retryLimit: Located<Int>?
  public var criteria: [Criterion]
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    name: Located<String>, type: Located<FailureActionType>?, workflowId: Located<String>? = nil,
    stepId: Located<String>? = nil, parameters: [InlineOrReusable<Parameter>] = [],
    retryAfter: Located<Double>? = nil, retryLimit: Located<Int>? = nil, criteria: [Criterion] = [],
    extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.name = name
    self.type = type
    self.workflowId = workflowId
    self.stepId = stepId
    self.parameters = parameters
    self.retryAfter = retryAfter
    self.retryLimit = retryLimit
    self.criteria = criteria
    self.extensions = extensions
    self.pointer = pointer
  }
}
