import ArazzoJSON

/// The request body an operation declares.
public struct OpenAPIRequestBody: Sendable {
  /// One media type of the body with its schema (references inlined, cycles left as `$ref`).
  public struct MediaType: Sendable {
    public var contentType: String
    public var schema: JSONValue?
    /// Where the schema is written, as written (before inlining): what contract checks compile
    /// (`OpenAPIIndex.contractSchema`) and name in their messages.
    public var schemaSite: SchemaSite?

    public init(contentType: String, schema: JSONValue?, schemaSite: SchemaSite? = nil) {
      self.contentType = contentType
      self.schema = schema
      self.schemaSite = schemaSite
    }
  }

  public var required: Bool
  public var content: [MediaType]
  public var pointer: JSONPointer

  public init(required: Bool, content: [MediaType], pointer: JSONPointer) {
    self.required = required
    self.content = content
    self.pointer = pointer
  }

  /// The media type names in document order.
  public var contentTypes: [String] { content.map(\.contentType) }
}
