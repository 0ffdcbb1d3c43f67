import ArazzoJSON

/// The language a criterion's condition is written in.
public enum CriterionType: String, Sendable, Equatable, CaseIterable {
  case simple, regex, jsonpath, xpath
}

/// The Criterion Object: one condition a step or action checks.
public struct Criterion: Sendable {
  /// The runtime expression the condition applies to.
  public var context: Located<String>?
  public var condition: Located<String>
  /// The declared type, from the string form or from the Criterion Expression Type Object;
  /// nil when absent (meaning `simple`) or not a known type (already reported).
  public var type: Located<CriterionType>?
  /// The object form of `type`, which also names a dialect version.
  public var expressionType: CriterionExpressionType?
  /// A `version` written beside `type` (the flattened form the official schema accepts).
  public var flattenedVersion: Located<String>?
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    context: Located<String>? = nil, condition: Located<String>,
    type: Located<CriterionType>? = nil,
    expressionType: CriterionExpressionType? = nil, flattenedVersion: Located<String>? = nil,
    extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.context = context
    self.condition = condition
    self.type = type
    self.expressionType = expressionType
    self.flattenedVersion = flattenedVersion
    self.extensions = extensions
    self.pointer = pointer
  }

  /// The effective type: `simple` when none is given.
  public var kind: CriterionType { type?.value ?? .simple }

  /// The dialect version, from the object form or the flattened form.
  public var version: Located<String>? { expressionType?.version ?? flattenedVersion }
}
