import ArazzoJSON

/// The outcome of decoding one loaded document into the model.
public struct DecodeResult: Sendable {
  /// The model; nil only when the root is not an object.
  public var document: ArazzoDocument?
  /// Structural problems: wrong types, missing and unknown fields, bad enum values, version.
  public var diagnostics: [Diagnostic]
  /// Pointers that already got a structural diagnostic: the value for wrong types and bad
  /// values, the owning object (and the field) for missing and unknown fields.
  ///
  /// A JSON Schema pass can skip violations whose instance location is in this set.
  public var flaggedPointers: Set<JSONPointer>

  public init(
    document: ArazzoDocument?, diagnostics: [Diagnostic], flaggedPointers: Set<JSONPointer>
  ) {
    self.document = document
    self.diagnostics = diagnostics
    self.flaggedPointers = flaggedPointers
  }
}

extension ArazzoDocument {
  /// Decodes a loaded document leniently: every problem is reported, and everything that can
  /// still be read is kept.
  public static func decode(_ document: LoadedDocument) -> DecodeResult {
    let decoder = ModelDecoder(document)
    let model = decoder.decodeRoot()
    return DecodeResult(
      document: model, diagnostics: decoder.diagnostics, flaggedPointers: decoder.flagged)
  }
}
