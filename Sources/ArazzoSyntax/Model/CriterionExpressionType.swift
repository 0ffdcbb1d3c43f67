import ArazzoJSON

/// An expression language a Criterion Expression Type (1.1: Expression Type) Object can name.
public enum ExpressionType: String, Sendable, Equatable, CaseIterable {
  case jsonpath, xpath
  /// [1.1] RFC 6901 JSON Pointer.
  case jsonpointer
}

/// The Criterion Expression Type Object: an expression language with an explicit version.
public struct CriterionExpressionType: Sendable {
  /// nil when missing or not a known type (already reported).
  public var type: Located<ExpressionType>?
  /// `draft-goessner-dispatch-jsonpath-00`, `xpath-30`, … (not checked against a list here).
  public var version: Located<String>
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    type: Located<ExpressionType>?, version: Located<String>, extensions: JSONObject = JSONObject(),
    pointer: JSONPointer
  ) {
    self.type = type
    self.version = version
    self.extensions = extensions
    self.pointer = pointer
  }
}
