import ArazzoJSON

/// A Parameter Object an operation declares (after `$ref` resolution and path-item merging).
public struct OpenAPIParameter: Sendable {
  public var name: String
  /// `path`, `query`, `header`, `cookie` (or `querystring` in OpenAPI 3.2), as written.
  public var location: String
  public var required: Bool
  public var schema: JSONValue?
  public var style: String?
  public var explode: Bool?
  /// Where the definition lives (the `$ref` target when it was a reference).
  public var pointer: JSONPointer
  /// The file holding the definition.
  public var file: SourceFile

  public init(
    name: String, location: String, required: Bool, schema: JSONValue? = nil, style: String? = nil,
    explode: Bool? = nil, pointer: JSONPointer, file: SourceFile
  ) {
    self.name = name
    self.location = location
    self.required = required
    self.schema = schema
    self.style = style
    self.explode = explode
    self.pointer = pointer
    self.file = file
  }

  /// Whether this parameter has the same identity as `(name, location)`; header names compare
  /// case-insensitively.
  public func matches(name other: String, location otherLocation: String) -> Bool {
    guard location == otherLocation else { return false }
    return location == "header" ? name.lowercased() == other.lowercased() : name == other
  }
}
