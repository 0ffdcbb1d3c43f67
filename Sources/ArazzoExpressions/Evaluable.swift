import ArazzoJSON
import Foundation

/// What a user types at `arazzo eval` or the debugger prompt: one runtime expression, a simple
/// condition, or a template. Parsed once; `evaluate`/`explain` work for all three.
public enum Evaluable: Sendable {
  case expression(RuntimeExpression)
  case condition(Condition)
  case template(StringTemplate)

  /// A whole runtime expression if the text is one; otherwise a condition if it parses as one;
  /// otherwise a template if it holds `{$…}` parts. The error reported is the condition's when
  /// the text looks like a condition (it has an operator), else the expression's.
  public static func parse(
    _ text: String, origin: SourceLocation? = nil
  ) throws(Diagnostic) -> Evaluable {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    // `$response.body#/status < 10` is a condition, although a JSON Pointer may hold ` < 10`.
    if let condition = try? Condition.parse(text, origin: origin) {
      if case .test = condition.root.kind {} else { return .condition(condition) }
    }
    let expressionError: Diagnostic
    do {
      return .expression(try RuntimeExpression.parse(text, origin: origin))
    } catch {
      expressionError = error
    }
    if text.contains("{$") {
      var d: [Diagnostic] = []
      let t = ValueTemplate.compile(
        string: text, origin: origin, options: .init(bareExpressions: false), diagnostics: &d)
      if case .template(let st) = t, !d.hasErrors { return .template(st) }
      if let first = d.first(where: { $0.severity == .error }) { throw first }
    }
    // A lone `$…` that is not an expression is a mistyped expression, not a condition to test
    // for truth (`$response.body.items` would read as false).
    if trimmed.hasPrefix("$"), !trimmed.contains(where: { "=<>!&|()'".contains($0) }) {
      throw expressionError
    }
    do {
      return .condition(try Condition.parse(text, origin: origin))
    } catch {
      let looksLikeCondition =
        trimmed.contains { "=<>!&|()'".contains($0) } || !trimmed.hasPrefix("$")
      throw looksLikeCondition ? error : expressionError
    }
  }

  /// The value: an expression's or template's value, or a condition's boolean.
  public func evaluate(in context: some ExpressionContext) -> Resolution {
    switch self {
    case .expression(let e): return e.evaluate(in: context)
    case .template(let t): return t.evaluate(in: context)
    case .condition(let c):
      let o = c.evaluate(in: context)
      return .value(.bool(o.passed))
    }
  }

  /// The runtime expressions it reads.
  public var expressions: [RuntimeExpression] {
    switch self {
    case .expression(let e): return [e]
    case .condition(let c): return c.expressions
    case .template(let t): return t.expressions
    }
  }

  /// A trace: for a condition its tree; for an expression or template one node with the value.
  public func explain(in context: some ExpressionContext) -> ConditionTrace {
    switch self {
    case .condition(let c): return c.explain(in: context)
    case .expression(let e):
      switch e.evaluate(in: context) {
      case .value(let v): return ConditionTrace(text: e.text, span: nil, outcome: .value(v))
      case .missing(let m): return ConditionTrace(text: e.text, span: nil, outcome: .missing(m))
      }
    case .template(let t):
      let children = t.expressions.map { e -> ConditionTrace in
        switch e.evaluate(in: context) {
        case .value(let v): return ConditionTrace(text: e.text, span: nil, outcome: .value(v))
        case .missing(let m): return ConditionTrace(text: e.text, span: nil, outcome: .missing(m))
        }
      }
      let text = t.parts.map { part -> String in
        switch part {
        case .text(let s): return s
        case .expression(let e, let braced): return braced ? "{\(e.text)}" : e.text
        }
      }.joined()
      switch t.evaluate(in: context) {
      case .value(let v):
        return ConditionTrace(text: text, span: nil, outcome: .value(v), children: children)
      case .missing(let m):
        return ConditionTrace(text: text, span: nil, outcome: .missing(m), children: children)
      }
    }
  }
}
