import ArazzoJSON

/// The Request Body Object: the payload of an operation call.
public struct RequestBody: Sendable {
  public var contentType: Located<String>?
  /// The payload as written (object, string template, or a whole runtime expression).
  public var payload: Located<JSONValue>?
  public var replacements: [PayloadReplacement]
  public var extensions: JSONObject
  public var pointer: JSONPointer

  public init(
    contentType: Located<String>? = nil, payload: Located<JSONValue>? = nil,
    replacements: [PayloadReplacement] = [], extensions: JSONObject = JSONObject(),
    pointer: JSONPointer
  ) {
    self.contentType = contentType
    self.payload = payload
    self.replacements = replacements
    self.extensions = extensions
    self.pointer = pointer
  }
}
