import ArazzoSyntax

/// What the request builder needs from a resolved OpenAPI operation.
public struct RequestOperation: Sendable {
  /// The HTTP method, any case (`post`).
  public var method: String
  /// The path template (`/accounts/{accountId}/jobs/{jobId}/run/`).
  public var pathTemplate: String
  /// The effective servers, first preferred; empty means `/`.
  public var servers: [OpenAPIServer]
  /// The declared parameters, for their style and explode.
  public var parameters: [OpenAPIParameter]
  /// The request body media types the operation declares, in document order.
  public var requestContentTypes: [String]
  /// Where the OpenAPI description was read from (a relative server resolves against it).
  public var documentURL: String?
  /// The source description's name, for messages.
  public var sourceName: String?

  public init(
    method: String, pathTemplate: String, servers: [OpenAPIServer] = [],
    parameters: [OpenAPIParameter] = [], requestContentTypes: [String] = [],
    documentURL: String? = nil, sourceName: String? = nil
  ) {
    self.method = method
    self.pathTemplate = pathTemplate
    self.servers = servers
    self.parameters = parameters
    self.requestContentTypes = requestContentTypes
    self.documentURL = documentURL
    self.sourceName = sourceName
  }

  /// The request-relevant parts of an indexed operation.
  public init(_ operation: OpenAPIOperation, documentURL: String? = nil, sourceName: String? = nil)
  {
    self.init(
      method: operation.method, pathTemplate: operation.pathTemplate, servers: operation.servers,
      parameters: operation.parameters,
      requestContentTypes: operation.requestBody?.contentTypes ?? [], documentURL: documentURL,
      sourceName: sourceName)
  }

  /// The declared parameter for `(name, location)`; header names compare case-insensitively.
  func declared(_ name: String, _ location: ParameterLocation) -> OpenAPIParameter? {
    parameters.first { $0.matches(name: name, location: location.rawValue) }
  }
}
