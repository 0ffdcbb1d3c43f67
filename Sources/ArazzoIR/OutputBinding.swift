import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax

/// One named output of a step or workflow, compiled once.
public final class OutputBinding: Sendable {
  /// What an output evaluates.
  public enum Value: Sendable {
    case expression(RuntimeExpression)
    /// A literal where an expression belongs (AZ2038): that constant.
    case constant(JSONValue)
    /// [1.1] A Selector Object: a query applied to the value of `context`.
    case selector(context: RuntimeExpression, query: SelectorQuery)
  }

  public let name: String
  public let value: Value
  public let span: SourceSpan

  public init(name: String, value: Value, span: SourceSpan) {
    self.name = name
    self.value = value
    self.span = span
  }
}

/// [1.1] The query of a Selector Object, compiled where the language allows.
public enum SelectorQuery: Sendable {
  case jsonpath(JSONPath, text: String)
  case jsonpointer(JSONPointer)
  /// XPath 1.0 (libxml2), applied to the XML text of the context (a response body).
  case xpath(XPathSelector)
  /// A query that does not compile; lowering reported it, so no program holds one.
  case invalid(String)

  /// The query as written.
  public var text: String {
    switch self {
    case .jsonpath(_, let text): return text
    case .jsonpointer(let p): return p.description
    case .xpath(let selector): return selector.text
    case .invalid(let text): return text
    }
  }
}
