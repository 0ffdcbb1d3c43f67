import ArazzoJSON

/// The outcome of decoding one loaded document into the model.
public struct DecodeResult: Sendable {
  /// The model; nil only when the root is not an object.
  public var document: ArazzoDocument?
  /// Structural problems: wrong types, missing and unknown fields, bad enum values, version.
  public var diagnostics: [Diagnostic]
  /// The codes of the structural diagnostics reported at each pointer: the value itself for
  /// `.wrongType` and `.invalidValue`; the owning object and the field for `.missingField` and
  /// `.unknownField`; the `arazzo` value for `.unsupportedVersion`.
  ///
  /// A JSON Schema pass can skip a violation whose instance location and kind match an entry
  /// (`type` ↔ `.wrongType`, `enum`/`minItems` ↔ `.invalidValue`, `required` ↔ `.missingField`,
  /// `unevaluatedProperties` ↔ `.unknownField`).
  public var flags: [JSONPointer: Set<DiagnosticCode>]

  /// Every pointer that got a structural diagnostic.
  public var flaggedPointers: Set<JSONPointer> { Set(flags.keys) }

  public init(
    document: ArazzoDocument?, diagnostics: [Diagnostic],
    flags: [JSONPointer: Set<DiagnosticCode>]
  ) {
    self.document = document
    self.diagnostics = diagnostics
    self.flags = flags
  }
}

extension ArazzoDocument {
  /// Decodes a loaded document leniently: every problem is reported, and everything that can
  /// still be read is kept.
  public static func decode(_ document: LoadedDocument) -> DecodeResult {
    let decoder = ModelDecoder(document)
    let model = decoder.decodeRoot()
    return DecodeResult(
      document: model, diagnostics: decoder.diagnostics, flags: decoder.flagged)
  }
}
