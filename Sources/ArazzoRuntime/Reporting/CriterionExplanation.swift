import ArazzoExpressions
import ArazzoJSON

/// A criterion explained part by part, as `eval --explain` explains an expression: what the
/// debugger's `:explain STEP` and `arazzo test`'s failure reports show.
public enum CriterionExplanation {
  /// Criterion `number` of a list: a heading with its type and context, how it was read, its
  /// parts (the condition's trace, a query's selections, the context value) and the outcome,
  /// as lines (the heading indented 2 spaces, the rest 4); and whether it holds.
  public static func explain(
    _ compiled: CompiledCriterion, number: Int, in context: some ExpressionContext
  ) -> (lines: [String], passed: Bool) {
    var lines: [String] = []
    let criterion = compiled.criterion
    let type = criterion.type.rawValue
    lines.append(
      "  criterion \(number): \(criterion.condition)  [\(type)\(criterion.context.map { ", context \($0)" } ?? "")]"
    )
    let result = compiled.explain(in: context)
    switch compiled.body {
    case .simple:
      if let trace = result.trace {
        lines += trace.render().split(separator: "\n").map { "    " + $0 }
      }
    case .jsonpathLogical(_, let suggestion):
      lines.append(
        "    how it was read: not an RFC 9535 query (it compares), so it is read as an RFC 9535")
      lines.append("    logical expression with $ bound to the context value (warning AZ2025);")
      lines.append("    the query that means the same is \(suggestion)")
      if let root = contextValue(compiled, in: context, into: &lines) {
        for path in jsonPaths(in: criterion.condition) {
          guard let query = try? JSONPath.parse(path) else { continue }
          let values: [JSONValue]
          do {
            values = try query.values(root)
          } catch {
            lines.append("    \(path)  →  \(error.message)")
            continue
          }
          let shown = clipped(JSONPrinter.compact(values.count == 1 ? values[0] : .array(values)))
          lines.append("    \(path)  →  \(values.isEmpty ? "nothing" : shown)")
        }
      }
      lines.append("    \(criterion.condition)  →  \(result.passed)")
    default:
      // Shows the context expression and its value (once).
      _ = contextValue(compiled, in: context, into: &lines)
    }
    if !result.explanation.isEmpty {
      lines += result.explanation.map { "    " + $0 }
    } else if let detail = result.detail, !isLogical(compiled) {
      lines.append("    \(detail)")
    }
    if let error = result.error { lines.append("    error: \(error)") }
    for missing in result.missing { lines.append("    no value: \(missing)") }
    lines.append("    → \(result.passed ? "holds" : "does not hold")")
    return (lines, result.passed)
  }

  /// For a jsonpath criterion that holds because its query selected null, false or empty
  /// (`$.next` on `{"next": null}`): that it still counts, and the filter probably meant.
  public static func jsonPathTrap(
    _ compiled: CompiledCriterion, in context: some ExpressionContext
  ) -> String? {
    guard case .jsonpath = compiled.body else { return nil }
    return compiled.explain(in: context).explanation.first { $0.hasPrefix("it selected ") }
  }

  /// Compact JSON cut to 72 characters, with `…` where it was cut.
  public static func clipped(_ text: String) -> String {
    text.count <= 72 ? text : String(text.prefix(71)) + "…"
  }

  static func isLogical(_ compiled: CompiledCriterion) -> Bool {
    if case .jsonpathLogical = compiled.body { return true }
    return false
  }

  /// The value of the criterion's `context` expression (said as a line), for showing the
  /// parts of a query.
  static func contextValue(
    _ compiled: CompiledCriterion, in context: some ExpressionContext, into lines: inout [String]
  ) -> JSONValue? {
    guard let expression = compiled.context else { return nil }
    let value = expression.evaluate(in: context).value
    if let value {
      lines.append("    \(expression.text)  →  \(clipped(JSONPrinter.compact(value)))")
    }
    return value
  }

  /// The JSONPath queries inside a logical expression (`$.data.status` in
  /// `$.data.status == 20 || $.data.status == 30`), each once, in order.
  static func jsonPaths(in condition: String) -> [String] {
    var paths: [String] = []
    var current = ""
    var inPath = false
    var quote: Character?
    for c in condition + " " {
      if inPath {
        if let q = quote {
          current.append(c)
          if c == q { quote = nil }
          continue
        }
        if c == "'" || c == "\"" {
          quote = c
          current.append(c)
        } else if c.isLetter || c.isNumber || "_.$[]*-".contains(c) {
          current.append(c)
        } else {
          if current.count > 1, !paths.contains(current) { paths.append(current) }
          inPath = false
          current = ""
        }
      } else if c == "$" {
        inPath = true
        current = "$"
      }
    }
    return paths
  }
}
