import ArazzoJSON

/// What a success action does.
public enum SuccessActionType: String, Sendable, Equatable, CaseIterable {
  case end, goto
}

/// The Success Action Object: where to go after a step succeeds.
public struct SuccessAction: Sendable {
  public var name: Located<String>
  /// nil when missing or not `end`/`goto` (already reported).
  public var type: Located<SuccessActionType>?
  public var workflowId: Located<String>?
  public var stepId: Located<String>?
  /// [1.1] Inputs for the target workflow.
  public var parameters: [InlineOrReusable<Parameter>]
  public var criteria: [Criterion]
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    name: Located<String>, type: Located<SuccessActionType>?, workflowId: Located<String>? = nil,
    stepId: Located<String>? = nil, parameters: [InlineOrReusable<Parameter>] = [],
    criteria: [Criterion] = [], extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.name = name
    self.type = type
    self.workflowId = workflowId
    self.stepId = stepId
    self.parameters = parameters
    self.criteria = criteria
    self.extensions = extensions
    self.pointer = pointer
  }
}
