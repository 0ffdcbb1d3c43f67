import ArazzoExpressions
import ArazzoJSON

extension Machine {
  /// [1.1] An XPath selector applied to its context: the context must be XML text (a response body
  /// that did not parse as JSON stays text, docs/semantics.md#response-bodies); the selected value,
  /// or why there is none.
  static func select(
    _ selector: XPathSelector, in root: JSONValue
  ) -> Result<JSONValue, MachineFailure> {
    guard case .string(let xml) = root else {
      return .failure(
        MachineFailure(
          "xpath selector '\(selector.text)' needs XML text, and the context is \(root.typeName)"))
    }
    switch selector.select(in: xml) {
    case .success(let value): return .success(value)
    case .failure(let failure):
      return .failure(MachineFailure("xpath selector '\(selector.text)': \(failure.message)"))
    }
  }
}
