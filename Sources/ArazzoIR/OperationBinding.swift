import ArazzoJSON
import ArazzoSyntax

/// The operation a `request` calls, or why it could not be resolved at lowering.
public enum OperationBinding: Sendable {
  case resolved(ResolvedOperation)
  /// The source was not loaded (remote, missing): the step fails at run time with `reason`.
  case unresolved(reference: String, reason: String)

  /// The resolved operation, when there is one.
  public var resolved: ResolvedOperation? {
    if case .resolved(let op) = self { return op }
    return nil
  }
}

/// An OpenAPI operation as a step calls it: where, how, and what it declares.
public struct ResolvedOperation: Sendable {
  /// The step's `operationId` or `operationPath` as written.
  public var reference: String
  /// The source description the operation lives in.
  public var source: String
  public var operationId: String?
  /// The upper-case HTTP method.
  public var method: String
  /// The path template as written under `paths` (`/runs/{runId}/`).
  public var pathTemplate: String
  /// The operation's effective servers (never empty: OpenAPI's default is `/`).
  public var servers: [OpenAPIServer]
  /// The file or URL of the OpenAPI description; a relative server URL resolves against it.
  public var documentLocation: String
  /// Parameters the operation declares (style, explode, schema), after path-item merging.
  public var parameters: [OpenAPIParameter]
  /// The media types of the declared request body, in document order.
  public var requestContentTypes: [String]
  /// What the operation promises, for contract checks (nil when built without a description).
  public var contract: OperationContract?

  public init(
    reference: String, source: String, operationId: String?, method: String, pathTemplate: String,
    servers: [OpenAPIServer], documentLocation: String, parameters: [OpenAPIParameter],
    requestContentTypes: [String], contract: OperationContract? = nil
  ) {
    self.reference = reference
    self.source = source
    self.operationId = operationId
    self.method = method
    self.pathTemplate = pathTemplate
    self.servers = servers
    self.documentLocation = documentLocation
    self.parameters = parameters
    self.requestContentTypes = requestContentTypes
    self.contract = contract
  }

  /// The default server URL: the first server with its variable defaults
  /// (docs/semantics.md#server); the runtime may override it per source.
  public var defaultServerURL: String { servers.first?.resolvedURL() ?? "/" }
}
