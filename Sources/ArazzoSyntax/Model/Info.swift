import ArazzoJSON

/// The Info Object: metadata about the Arazzo description.
public struct Info: Sendable {
  public var title: Located<String>
  public var summary: Located<String>?
  public var description: Located<String>?
  /// The version of this document (unrelated to the `arazzo` version).
  public var version: Located<String>
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    title: Located<String>, summary: Located<String>? = nil, description: Located<String>? = nil,
    version: Located<String>, extensions: JSONObject = JSONObject(), pointer: JSONPointer
  ) {
    self.title = title
    self.summary = summary
    self.description = description
    self.version = version
    self.extensions = extensions
    self.pointer = pointer
  }
}
