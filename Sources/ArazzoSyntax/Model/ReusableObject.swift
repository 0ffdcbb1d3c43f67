import ArazzoJSON

/// The Reusable Object: a reference to a component, with an optional replacement value.
public struct ReusableObject: Sendable {
  /// The runtime expression naming the component (`$components.parameters.page`).
  public var reference: Located<String>
  /// For parameter references, replaces the component's `value` (any JSON value is accepted).
  public var value: Located<JSONValue>?
  public var pointer: JSONPointer

  public init(reference: Located<String>, value: Located<JSONValue>? = nil, pointer: JSONPointer) {
    self.reference = reference
    self.value = value
    self.pointer = pointer
  }

  /// The component kind and key when `reference` is `$components.<kind>.<key>`.
  public var componentReference: (kind: String, key: String)? {
    let prefix = "$components."
    let text = reference.value
    guard text.hasPrefix(prefix) else { return nil }
    let rest = text.dropFirst(prefix.count)
    guard let dot = rest.firstIndex(of: ".") else { return nil }
    let kind = String(rest[..<dot])
    let key = String(rest[rest.index(after: dot)...])
    guard !kind.isEmpty, !key.isEmpty else { return nil }
    return (kind, key)
  }
}
