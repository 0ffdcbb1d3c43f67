import ArazzoJSON

/// The Step Object: one call to an operation, or one run of a workflow.
public struct Step: Sendable {
  /// [1.1] What an AsyncAPI step does on its channel.
  public enum AsyncAction: String, Sendable, Equatable, CaseIterable {
    case send, receive
  }

  /// What a step runs, when exactly one target is given.
  public enum Target: Sendable {
    case operationId(Located<String>)
    case operationPath(Located<String>)
    case workflowId(Located<String>)
    /// [1.1] An AsyncAPI channel.
    case channelPath(Located<String>)
  }

  public var stepId: Located<String>
  public var description: Located<String>?
  public var operationId: Located<String>?
  public var operationPath: Located<String>?
  public var workflowId: Located<String>?
  /// [1.1] An AsyncAPI channel reference.
  public var channelPath: Located<String>?
  /// [1.1] `send` or `receive` for AsyncAPI steps.
  public var action: Located<AsyncAction>?
  /// [1.1] A runtime expression correlating an async message.
  public var correlationId: Located<String>?
  /// [1.1] The step timeout in milliseconds.
  public var timeout: Located<Int>?
  /// [1.1] Steps that must complete first.
  public var dependsOn: [Located<String>]
  public var parameters: [InlineOrReusable<Parameter>]
  public var requestBody: RequestBody?
  public var successCriteria: [Criterion]
  public var onSuccess: [InlineOrReusable<SuccessAction>]
  public var onFailure: [InlineOrReusable<FailureAction>]
  public var outputs: [Output]
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    stepId: Located<String>, description: Located<String>? = nil,
    operationId: Located<String>? = nil, operationPath: Located<String>? = nil,
    workflowId: Located<String>? = nil, channelPath: Located<String>? = nil,
    action: Located<AsyncAction>? = nil, correlationId: Located<String>? = nil,
    timeout: Located<Int>? = nil, dependsOn: [Located<String>] = [],
    parameters: [InlineOrReusable<Parameter>] = [], requestBody: RequestBody? = nil,
    successCriteria: [Criterion] = [], onSuccess: [InlineOrReusable<SuccessAction>] = [],
    onFailure: [InlineOrReusable<FailureAction>] = [], outputs: [Output] = [],
    extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.stepId = stepId
    self.description = description
    self.operationId = operationId
    self.operationPath = operationPath
    self.workflowId = workflowId
    self.channelPath = channelPath
    self.action = action
    self.correlationId = correlationId
    self.timeout = timeout
    self.dependsOn = dependsOn
    self.parameters = parameters
    self.requestBody = requestBody
    self.successCriteria = successCriteria
    self.onSuccess = onSuccess
    self.onFailure = onFailure
    self.outputs = outputs
    self.extensions = extensions
    self.pointer = pointer
  }

  /// Every target the step names, in field order (valid steps have exactly one).
  public var targets: [Target] {
    var result: [Target] = []
    if let operationId { result.append(.operationId(operationId)) }
    if let operationPath { result.append(.operationPath(operationPath)) }
    if let workflowId { result.append(.workflowId(workflowId)) }
    if let channelPath, operationId == nil { result.append(.channelPath(channelPath)) }
    return result
  }

  /// The step's target when it names exactly one.
  public var target: Target? {
    let all = targets
    return all.count == 1 ? all[0] : nil
  }
}
