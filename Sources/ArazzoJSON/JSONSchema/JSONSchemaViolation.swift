/// One reason an instance does not satisfy a JSON Schema.
public struct JSONSchemaViolation: Sendable, Equatable, CustomStringConvertible {
  /// Where in the instance the problem is.
  public var instanceLocation: JSONPointer
  /// The evaluation path of the failing keyword, through `$ref`s (`/properties/info/$ref/required`).
  public var keywordLocation: String
  /// The failing keyword (`required`, `type`, `unevaluatedProperties`, ...).
  public var keyword: String
  /// A human-readable explanation (`missing required property 'title'`).
  public var message: String

  public init(
    instanceLocation: JSONPointer, keywordLocation: String, keyword: String, message: String
  ) {
    self.instanceLocation = instanceLocation
    self.keywordLocation = keywordLocation
    self.keyword = keyword
    self.message = message
  }

  public var description: String {
    let location = instanceLocation.description
    return "\(location.isEmpty ? "(root)" : location): \(message)"
  }
}
