/// An RFC 9535 JSONPath query, parsed once and evaluated many times.
public struct JSONPath: Sendable, CustomStringConvertible {
  let query: JSONPathSyntax.Query

  init(query: JSONPathSyntax.Query) {
    self.query = query
  }

  /// Parses query text such as `$.store.book[?@.price < 10].title`.
  public static func parse(_ text: String) throws(JSONPathError) -> JSONPath {
    var parser = JSONPathParser(text)
    return JSONPath(query: try parser.parseQueryText())
  }

  /// The nodelist the query selects from `root`, in RFC 9535 order.
  ///
  /// Throws when a `match()` or
  /// `search()` gave up (out of its regex budget, or at `deadline`) instead of reading that as
  /// false; RFC 9535 has no evaluation errors, and a wrong "no match" would be silent.
  public func select(
    _ root: JSONValue, deadline: ContinuousClock.Instant? = nil
  )
    throws(JSONPathEvaluationError) -> [JSONPathNode]
  {
    let evaluator = JSONPathEvaluator(root: root, tracksPaths: true, deadline: deadline)
    return try evaluator.select(query, current: root).map { node in
      JSONPathNode(path: node.path?.keys ?? [], value: node.value)
    }
  }

  /// The selected values only, without computing their locations.
  public func values(
    _ root: JSONValue, deadline: ContinuousClock.Instant? = nil
  )
    throws(JSONPathEvaluationError) -> [JSONValue]
  {
    let evaluator = JSONPathEvaluator(root: root, tracksPaths: false, deadline: deadline)
    return try evaluator.select(query, current: root).map(\.value)
  }

  /// Whether the query can select at most one node (a singular query).
  public var isSingular: Bool { query.isSingular }

  /// The query in canonical bracket notation, such as `$['a'][0][?@['b'] == 1]`.
  public var description: String { query.description }
}
