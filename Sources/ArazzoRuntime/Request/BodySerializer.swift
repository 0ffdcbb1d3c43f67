import ArazzoExpressions
import ArazzoJSON

/// Applies payload replacements and turns a payload into bytes for its content type.
enum BodySerializer {
  static func serialise(
    _ body: EvaluatedBody, contentType: String
  ) throws(RequestBuildError)
    -> [UInt8]
  {
    let kind = MediaKind(contentType)
    let payload = try applyingReplacements(body, contentType: contentType)
    switch kind {
    case .json:
      if body.replacements.isEmpty, case .string(let text) = payload {
        // JSON text is sent exactly as written; other text is sent as a JSON string.
        let parsed = try? JSONParser.parse(text)
        return parsed != nil ? Array(text.utf8) : Array(JSONPrinter.compact(payload).utf8)
      }
      return Array(JSONPrinter.compact(payload).utf8)
    case .form:
      switch payload {
      case .string(let text):
        return Array(text.utf8)
      case .object(let fields):
        let pairs = fields.members.compactMap { member -> String? in
          if member.value.isNull { return nil }
          return PercentEncoding.formEncode(member.key) + "="
            + PercentEncoding.formEncode(Embedding.text(for: member.value))
        }
        return Array(pairs.joined(separator: "&").utf8)
      default:
        throw .unserialisablePayload(
          contentType: contentType,
          reason: body.payload.objectValue != nil
            ? "a replacement turned the payload into \(payload.typeName)"
            : "a form body needs an object (one field per member) or a string, got \(payload.typeName)"
        )
      }
    case .xml:
      guard case .string(let text) = payload else { return [] }
      return Array(text.utf8)
    case .text, .other:
      switch payload {
      case .string(let text): return Array(text.utf8)
      case .array, .object:
        guard kind == .text else {
          throw .unserialisablePayload(
            contentType: contentType,
            reason:
              "only a string payload can be sent as this media type, got \(payload.typeName)")
        }
        return Array(JSONPrinter.compact(payload).utf8)
      default:
        return Array(Embedding.text(for: payload).utf8)
      }
    }
  }

  /// The payload with its replacements applied, as it is sent (and as `$request.body` reads
  /// it): JSON and form payloads through JSON Pointers, XML text through XPath targets.
  static func applyingReplacements(
    _ body: EvaluatedBody, contentType: String
  ) throws(RequestBuildError) -> JSONValue {
    var payload = body.payload
    switch MediaKind(contentType) {
    case .json:
      guard !body.replacements.isEmpty else { return payload }
      if case .string(let text) = payload {
        guard let parsed = try? JSONParser.parse(text) else {
          throw .unserialisablePayload(
            contentType: contentType,
            reason: "the payload is a string that is not JSON text, so replacements cannot apply")
        }
        payload = parsed
      }
      try applyPointers(body.replacements, to: &payload)
      return payload
    case .form:
      switch payload {
      case .string:
        guard body.replacements.isEmpty else {
          throw .unserialisablePayload(
            contentType: contentType,
            reason: "replacements need an object payload, not a form-encoded string")
        }
      case .object:
        try applyPointers(body.replacements, to: &payload)
      default:
        break
      }
      return payload
    case .xml:
      guard case .string(var text) = payload else {
        throw .unserialisablePayload(
          contentType: contentType,
          reason: "an XML body must be written as a string, got \(payload.typeName)")
      }
      for r in body.replacements {
        switch XMLTextReplacement.replace(r.target, with: Embedding.text(for: r.value), in: text) {
        case .success(let updated): text = updated
        case .failure(let f): throw .replacementFailed(target: r.target, reason: f.message)
        }
      }
      return .string(text)
    case .text, .other:
      if let r = body.replacements.first {
        throw .replacementFailed(
          target: r.target,
          reason: "replacements apply to JSON, form and XML payloads, not to \(contentType)")
      }
      return payload
    }
  }

  private static func applyPointers(
    _ replacements: [EvaluatedReplacement], to payload: inout JSONValue
  )
    throws(RequestBuildError)
  {
    for r in replacements {
      let pointer: JSONPointer
      do {
        pointer = try JSONPointer(parsing: r.target)
      } catch {
        throw .replacementFailed(
          target: r.target, reason: "not a JSON Pointer: \(error.description)")
      }
      try JSONPatching.set(r.value, at: pointer, in: &payload)
    }
  }
}
