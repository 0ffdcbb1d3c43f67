import ArazzoJSON

/// Where a parameter goes in the request.
public enum ParameterLocation: String, Sendable, Equatable, CaseIterable {
  case path, query, header, cookie
  /// [1.1] The whole query string as one value.
  case querystring
  /// [1.1 schema] An AsyncAPI channel parameter.
  case channel
}

/// The Parameter Object: a value for an operation parameter or a workflow input.
public struct Parameter: Sendable {
  public var name: Located<String>
  /// Absent for workflowId steps; nil also when the written value was not allowed (reported).
  public var location: Located<ParameterLocation>?
  /// A constant, a runtime expression, a `{…}` template, or [1.1] a Selector Object.
  public var value: Located<JSONValue>
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    name: Located<String>, location: Located<ParameterLocation>? = nil, value: Located<JSONValue>,
    extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.name = name
    self.location = location
    self.value = value
    self.extensions = extensions
    self.pointer = pointer
  }
}
