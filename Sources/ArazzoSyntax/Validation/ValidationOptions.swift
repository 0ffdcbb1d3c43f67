/// What `Validator` checks and how strictly.
public struct ValidationOptions: Sendable {
  /// Read the document by the letter of the spec: the seed's quirks (jsonpath comparisons,
  /// unbraced expressions) become errors instead of warnings.
  public var strict: Bool
  /// Replacement locations for source descriptions, by name: a file path or a URL.
  public var sourceOverrides: [String: String]

  public init(strict: Bool = false, sourceOverrides: [String: String] = [:]) {
    self.strict = strict
    self.sourceOverrides = sourceOverrides
  }
}
