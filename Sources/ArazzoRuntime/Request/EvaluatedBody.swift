import ArazzoJSON
import Foundation

/// An evaluated request body: templates already resolved, replacements not yet applied.
public struct EvaluatedBody: Sendable, Equatable {
  /// The media type to send; nil means "take it from the operation"
  /// (docs/semantics.md#content-type).
  public var contentType: String?
  public var payload: JSONValue
  /// Applied in order before serialisation.
  public var replacements: [EvaluatedReplacement]

  public init(
    contentType: String? = nil, payload: JSONValue, replacements: [EvaluatedReplacement] = []
  ) {
    self.contentType = contentType
    self.payload = payload
    self.replacements = replacements
  }
}

/// A value to write into the payload: `target` is a JSON Pointer (JSON-ish payloads) or an
/// XPath 1.0 expression (XML payloads); `value` is already evaluated.
public struct EvaluatedReplacement: Sendable, Equatable {
  public var target: String
  public var value: JSONValue

  public init(target: String, value: JSONValue) {
    self.target = target
    self.value = value
  }
}

/// How a media type is serialised.
enum MediaKind: Equatable {
  case json, form, xml, text, other

  /// Classifies `application/json`, `*+json`, `*/json` as JSON; `application/xml`, `text/xml`,
  /// `*+xml` as XML; `application/x-www-form-urlencoded`; other `text/*` as text.
  init(_ contentType: String) {
    let essence =
      contentType.split(separator: ";", maxSplits: 1).first.map {
        $0.trimmingCharacters(in: .whitespaces).lowercased()
      } ?? ""
    if essence == "application/json" || essence.hasSuffix("+json") || essence.hasSuffix("/json") {
      self = .json
    } else if essence == "application/xml" || essence == "text/xml" || essence.hasSuffix("+xml") {
      self = .xml
    } else if essence == "application/x-www-form-urlencoded" {
      self = .form
    } else if essence.hasPrefix("text/") {
      self = .text
    } else {
      self = .other
    }
  }
}
