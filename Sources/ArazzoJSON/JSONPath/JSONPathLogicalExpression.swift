/// An Arazzo condition read as an RFC 9535 logical expression, with `$` and `@` both the root.
///
/// The text is the grammar inside a filter selector, for example
/// `$.data.status == 20 || $.data.status == 30`.
public struct JSONPathLogicalExpression: Sendable, CustomStringConvertible {
  let expression: JSONPathSyntax.LogicalExpression

  /// Parses a logical expression; white space around it is allowed.
  public static func parse(_ text: String) throws(JSONPathError) -> JSONPathLogicalExpression {
    var parser = JSONPathParser(text)
    return JSONPathLogicalExpression(expression: try parser.parseLogicalText())
  }

  /// Whether the expression holds for `root`; throws when a regex function gave up (as
  /// `JSONPath.select` does).
  public func evaluate(
    _ root: JSONValue, deadline: ContinuousClock.Instant? = nil
  )
    throws(JSONPathEvaluationError) -> Bool
  {
    try JSONPathEvaluator(root: root, tracksPaths: false, deadline: deadline).test(
      expression, current: root)
  }

  /// The expression in canonical form.
  public var description: String { expression.description }
}
