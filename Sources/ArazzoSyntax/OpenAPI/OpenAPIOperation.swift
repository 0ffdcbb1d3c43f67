import ArazzoJSON

/// One operation of an OpenAPI description, with everything a step needs to call it.
public struct OpenAPIOperation: Sendable {
  public var operationId: String?
  /// The lower-case HTTP method (`get`, `post`, …).
  public var method: String
  /// The path template as written under `paths` (`/pets/{petId}`).
  public var pathTemplate: String
  /// `/paths/<escaped path>/<method>`: what an `operationPath` fragment names.
  public var pointer: JSONPointer
  /// Where the operation is written (a `$ref`'d path item points into another file).
  public var span: SourceSpan
  public var summary: String?
  /// Effective servers: the operation's, else the path item's, else the document's, else `/`.
  public var servers: [OpenAPIServer]
  /// Path-item and operation parameters, the operation's overriding by (name, in).
  public var parameters: [OpenAPIParameter]
  public var requestBody: OpenAPIRequestBody?
  public var responses: [OpenAPIResponse]
  /// Effective security requirements (operation's, else the document's), as written.
  public var security: JSONValue?
  public var deprecated: Bool

  public init(
    operationId: String?, method: String, pathTemplate: String, pointer: JSONPointer,
    span: SourceSpan, summary: String? = nil, servers: [OpenAPIServer],
    parameters: [OpenAPIParameter], requestBody: OpenAPIRequestBody?,
    responses: [OpenAPIResponse], security: JSONValue? = nil, deprecated: Bool = false
  ) {
    self.operationId = operationId
    self.method = method
    self.pathTemplate = pathTemplate
    self.pointer = pointer
    self.span = span
    self.summary = summary
    self.servers = servers
    self.parameters = parameters
    self.requestBody = requestBody
    self.responses = responses
    self.security = security
    self.deprecated = deprecated
  }

  /// The declared parameter with this identity.
  public func parameter(named name: String, in location: String) -> OpenAPIParameter? {
    parameters.first { $0.matches(name: name, location: location) }
  }

  /// The names inside `{…}` of the path template, in order.
  public var pathVariables: [String] {
    var names: [String] = []
    var current: String?
    for c in pathTemplate {
      if c == "{" {
        current = ""
      } else if c == "}" {
        if let name = current { names.append(name) }
        current = nil
      } else if current != nil {
        current?.append(c)
      }
    }
    return names
  }
}
