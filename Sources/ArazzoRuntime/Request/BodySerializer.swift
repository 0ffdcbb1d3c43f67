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
    switch kind {
    case .json:
      var payload = body.payload
      if case .string(let text) = payload {
        let parsed = try? JSONParser.parse(text)
        if body.replacements.isEmpty {
          // JSON text is sent exactly as written; other text is sent as a JSON string.
          return parsed != nil ? Array(text.utf8) : Array(JSONPrinter.compact(payload).utf8)
        }
        guard let parsed else {
          throw .unserialisablePayload(
            contentType: contentType,
            reason: "the payload is a string that is not JSON text, so replacements cannot apply")
        }
        payload = parsed
      }
      try applyPointers(body.replacements, to: &payload)
      return Array(JSONPrinter.compact(payload).utf8)
    case .form:
      var payload = body.payload
      switch payload {
      case .string(let text):
        guard body.replacements.isEmpty else {
          throw .unserialisablePayload(
            contentType: contentType,
            reason: "replacements need an object payload, not a form-encoded string")
        }
        return Array(text.utf8)
      case .object:
        try applyPointers(body.replacements, to: &payload)
        guard case .object(let fields) = payload else {
          throw .unserialisablePayload(
            contentType: contentType,
            reason: "a replacement turned the payload into \(payload.typeName)")
        }
        let pairs = fields.members.compactMap { member -> String? in
          if member.value.isNull { return nil }
          return PercentEncoding.formEncode(member.key) + "="
            + PercentEncoding.formEncode(Embedding.text(for: member.value))
        }
        return Array(pairs.joined(separator: "&").utf8)
      default:
        throw .unserialisablePayload(
          contentType: contentType,
          reason:
            "a form body needs an object (one field per member) or a string, got \(payload.typeName)"
        )
      }
    case .xml:
      guard case .string(var text) = body.payload else {
        throw .unserialisablePayload(
          contentType: contentType,
          reason: "an XML body must be written as a string, got \(body.payload.typeName)")
      }
      for r in body.replacements {
        switch XMLTextReplacement.replace(r.target, with: Embedding.text(for: r.value), in: text) {
        case .success(let updated): text = updated
        case .failure(let f): throw .replacementFailed(target: r.target, reason: f.message)
        }
      }
      return Array(text.utf8)
    case .text, .other:
      if let r = body.replacements.first {
        throw .replacementFailed(
          target: r.target,
          reason: "replacements apply to JSON, form and XML payloads, not to \(contentType)")
      }
      switch body.payload {
      case .string(let text): return Array(text.utf8)
      case .array, .object:
        guard kind == .text else {
          throw .unserialisablePayload(
            contentType: contentType,
            reason:
              "only a string payload can be sent as this media type, got \(body.payload.typeName)")
        }
        return Array(JSONPrinter.compact(body.payload).utf8)
      default:
        return Array(Embedding.text(for: body.payload).utf8)
      }
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
