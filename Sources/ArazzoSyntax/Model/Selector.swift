import ArazzoJSON

/// [1.1] The Selector Object: a JSONPath, XPath or JSON Pointer applied to a runtime value.
public struct Selector: Sendable {
  /// The runtime expression giving the structured data to select from.
  public var context: Located<String>
  public var selector: Located<String>
  /// The selector language (string form, or the type of `expressionType`).
  public var type: Located<ExpressionType>?
  /// The Expression Type Object form of `type`.
  public var expressionType: CriterionExpressionType?
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    context: Located<String>, selector: Located<String>, type: Located<ExpressionType>?,
    expressionType: CriterionExpressionType? = nil, extensions: JSONObject = JSONObject(),
    pointer: JSONPointer
  ) {
    self.context = context
    self.selector = selector
    self.type = type
    self.expressionType = expressionType
    self.extensions = extensions
    self.pointer = pointer
  }
}
