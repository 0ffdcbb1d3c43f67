import ArazzoJSON

/// The Components Object: reusable inputs schemas, parameters and actions of one document.
public struct Components: Sendable {
  public var inputs: ComponentMap<Located<JSONValue>>
  public var parameters: ComponentMap<Parameter>
  public var successActions: ComponentMap<SuccessAction>
  public var failureActions: ComponentMap<FailureAction>
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    inputs: ComponentMap<Located<JSONValue>> = ComponentMap(),
    parameters: ComponentMap<Parameter> = ComponentMap(),
    successActions: ComponentMap<SuccessAction> = ComponentMap(),
    failureActions: ComponentMap<FailureAction> = ComponentMap(),
    extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.inputs = inputs
    self.parameters = parameters
    self.successActions = successActions
    self.failureActions = failureActions
    self.extensions = extensions
    self.pointer = pointer
  }
}
