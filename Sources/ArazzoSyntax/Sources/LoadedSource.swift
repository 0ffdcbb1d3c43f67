import ArazzoJSON

/// What one source description turned into after loading.
public enum LoadedSource: Sendable {
  /// An indexed OpenAPI 3.x description.
  case openapi(OpenAPIIndex)
  /// Another Arazzo document; its own sources are in the `SourceSet` (`sources(of:)`).
  case arazzo(ArazzoSource)
  /// Nothing usable; checks that need this source are skipped.
  case unavailable(UnavailableSource)

  /// The OpenAPI index, when this is one.
  public var openapi: OpenAPIIndex? {
    if case .openapi(let i) = self { return i }
    return nil
  }

  /// The Arazzo source, when this is one.
  public var arazzo: ArazzoSource? {
    if case .arazzo(let a) = self { return a }
    return nil
  }
}

/// Why a source description has no loaded document.
public struct UnavailableSource: Sendable, Equatable {
  /// The kinds of reasons.
  public enum Reason: Sendable, Equatable {
    /// An http(s) (or other non-file) URL; this layer never fetches.
    case remote(url: String)
    /// The resolved local file does not exist.
    case missingFile(path: String)
    /// The file may not be read (`FileAccess`: outside the document's tree, hidden, special).
    case refused(path: String)
    /// The file exists but could not be read or parsed.
    case unreadable(path: String)
    /// The file is not a usable description of its type (Swagger 2.0, not OpenAPI 3.x, …).
    case invalid(path: String)
    /// A source type this tool does not load (AsyncAPI).
    case unsupportedType(String)
    /// Arazzo sources nest deeper than the loader follows.
    case tooDeep(path: String)
  }

  public var reason: Reason
  /// The resolved location (path or URL) the source pointed at.
  public var location: String

  public init(reason: Reason, location: String) {
    self.reason = reason
    self.location = location
  }
}

/// An Arazzo document loaded as a source description of another.
public struct ArazzoSource: Sendable {
  /// The canonical path of the file.
  public var location: String
  public var loaded: LoadedDocument
  public var document: ArazzoDocument

  public init(location: String, loaded: LoadedDocument, document: ArazzoDocument) {
    self.location = location
    self.loaded = loaded
    self.document = document
  }

  /// The workflow with this id in this document.
  public func workflow(id: String) -> Workflow? { document.workflow(id: id) }

  /// The document's workflow ids, in order.
  public var workflowIds: [String] { document.workflows.map(\.workflowId.value) }
}
