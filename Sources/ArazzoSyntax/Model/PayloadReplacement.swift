import ArazzoJSON

/// The Payload Replacement Object: a value written into the payload at a target location.
public struct PayloadReplacement: Sendable {
  /// A JSON Pointer or XPath ([1.1] or JSONPath) into the request body.
  public var target: Located<String>
  /// [1.1] How `target` is written (string form, or the type of `targetSelectorExpressionType`).
  public var targetSelectorType: Located<ExpressionType>?
  /// [1.1] The Expression Type Object form of `targetSelectorType`.
  public var targetSelectorExpressionType: CriterionExpressionType?
  /// A constant, a runtime expression, or [1.1] a Selector Object.
  public var value: Located<JSONValue>
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    target: Located<String>, targetSelectorType: Located<ExpressionType>? = nil,
    targetSelectorExpressionType: CriterionExpressionType? = nil, value: Located<JSONValue>,
    extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.target = target
    self.targetSelectorType = targetSelectorType
    self.targetSelectorExpressionType = targetSelectorExpressionType
    self.value = value
    self.extensions = extensions
    self.pointer = pointer
  }
}
