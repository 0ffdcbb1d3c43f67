import ArazzoJSON

/// One response an operation declares.
public struct OpenAPIResponse: Sendable {
  /// `200`, `4XX` or `default`, as written.
  public var status: String
  public var description: String?
  /// Media types with their schemas (references inlined, cycles left as `$ref`).
  public var content: [OpenAPIRequestBody.MediaType]
  /// Declared response header names.
  public var headers: [String]
  public var pointer: JSONPointer

  public init(
    status: String, description: String?, content: [OpenAPIRequestBody.MediaType],
    headers: [String], pointer: JSONPointer
  ) {
    self.status = status
    self.description = description
    self.content = content
    self.headers = headers
    self.pointer = pointer
  }
}
