import ArazzoJSON

/// The kind of document a source description names.
public enum SourceType: String, Sendable, Equatable, CaseIterable {
  case openapi
  case arazzo
  /// [1.1] An AsyncAPI description.
  case asyncapi
}

/// The Source Description Object: a named OpenAPI, Arazzo or AsyncAPI document.
public struct SourceDescription: Sendable {
  /// The name used in `$sourceDescriptions.<name>`.
  public var name: Located<String>
  /// The URI-reference as written; relative values resolve against the Arazzo file.
  public var url: Located<String>
  /// The declared type; nil when absent or not a known type (then it is sniffed).
  public var type: Located<SourceType>?
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    name: Located<String>, url: Located<String>, type: Located<SourceType>? = nil,
    extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.name = name
    self.url = url
    self.type = type
    self.extensions = extensions
    self.pointer = pointer
  }
}
