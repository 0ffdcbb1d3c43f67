import ArazzoJSON

/// The Workflow Object: an ordered list of steps with inputs, outputs and default actions.
public struct Workflow: Sendable {
  public var workflowId: Located<String>
  public var summary: Located<String>?
  public var description: Located<String>?
  /// The JSON Schema of the workflow's inputs, kept as written.
  public var inputs: Located<JSONValue>?
  /// Workflow ids (local or `$sourceDescriptions.<name>.<id>`) that must complete first.
  public var dependsOn: [Located<String>]
  public var steps: [Step]
  public var successActions: [InlineOrReusable<SuccessAction>]
  public var failureActions: [InlineOrReusable<FailureAction>]
  public var outputs: [Output]
  public var parameters: [InlineOrReusable<Parameter>]
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    workflowId: Located<String>, summary: Located<String>? = nil,
    description: Located<String>? = nil, inputs: Located<JSONValue>? = nil,
    dependsOn: [Located<String>] = [], steps: [Step] = [],
    successActions: [InlineOrReusable<SuccessAction>] = [],
    failureActions: [InlineOrReusable<FailureAction>] = [], outputs: [Output] = [],
    parameters: [InlineOrReusable<Parameter>] = [], extensions: JSONObject = JSONObject(),
    pointer: JSONPointer
  ) {
    self.workflowId = workflowId
    self.summary = summary
    self.description = description
    self.inputs = inputs
    self.dependsOn = dependsOn
    self.steps = steps
    self.successActions = successActions
    self.failureActions = failureActions
    self.outputs = outputs
    self.parameters = parameters
    self.extensions = extensions
    self.pointer = pointer
  }

  /// The first step with this id.
  public func step(id: String) -> Step? { steps.first { $0.stepId.value == id } }
}
