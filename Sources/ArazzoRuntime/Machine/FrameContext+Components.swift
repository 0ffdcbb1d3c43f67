import ArazzoExpressions
import ArazzoJSON

extension FrameContext {
  /// `$components.<kind>.<key>`: the component as written in the frame's document (a Parameter
  /// Object, an action, an inputs schema), as JSON.
  ///
  /// The key is looked up whole first; otherwise its dotted tail walks into the component
  /// (`$components.parameters.page.value` is the `value` field of parameter `page`), the longest
  /// matching component name first, as `$inputs` names are (docs/semantics.md#dotted-names).
  func component(_ kind: RuntimeExpression.ComponentKind, _ key: String) -> Resolution {
    guard case .object(let group)? = components[kind.rawValue] else {
      return .missing("the document has no components.\(kind.rawValue)")
    }
    if let value = group[key] { return .value(value) }
    var end = key.endIndex
    while let dot = key[..<end].lastIndex(of: ".") {
      if let base = group[String(key[..<dot])] {
        let path = key[key.index(after: dot)...].split(
          separator: ".", omittingEmptySubsequences: false)
        var value = base
        for part in path {
          if let member = value[String(part)] {
            value = member
          } else if case .array(let items) = value, let i = Int(part), items.indices.contains(i) {
            value = items[i]
          } else {
            return .missing("component \(kind.rawValue).\(key[..<dot]) has no '\(part)'")
          }
        }
        return .value(value)
      }
      end = dot
    }
    let near =
      EditDistance.suggestion(for: key, among: group.keys).map { "; did you mean '\($0)'?" } ?? ""
    return .missing("no component \(kind.rawValue).\(key)\(near)")
  }
}
