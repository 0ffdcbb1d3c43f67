import ArazzoJSON

/// The root Arazzo Specification Object of one document.
public struct ArazzoDocument: Sendable {
  /// The `arazzo` field as written (`1.0.1`).
  public var arazzo: Located<String>
  /// The feature set the document is read with (1.0 unless it declares 1.1.x).
  public var version: ArazzoVersion
  /// `$self` [1.1]: the document's own URI.
  public var selfURI: Located<String>?
  public var info: Info
  public var sourceDescriptions: [SourceDescription]
  public var workflows: [Workflow]
  public var components: Components?
  public var extensions: JSONObject
  /// Always the root pointer; kept for symmetry with the other objects.
  public var pointer: JSONPointer

  public init(
    arazzo: Located<String>, version: ArazzoVersion, selfURI: Located<String>? = nil, info: Info,
    sourceDescriptions: [SourceDescription], workflows: [Workflow], components: Components? = nil,
    extensions: JSONObject = JSONObject(), pointer: JSONPointer = JSONPointer()
  ) {
    self.arazzo = arazzo
    self.version = version
    self.selfURI = selfURI
    self.info = info
    self.sourceDescriptions = sourceDescriptions
    self.workflows = workflows
    self.components = components
    self.extensions = extensions
    self.pointer = pointer
  }

  /// The first workflow with this id.
  public func workflow(id: String) -> Workflow? { workflows.first { $0.workflowId.value == id } }

  /// The first source description with this name.
  public func sourceDescription(named name: String) -> SourceDescription? {
    sourceDescriptions.first { $0.name.value == name }
  }
}
