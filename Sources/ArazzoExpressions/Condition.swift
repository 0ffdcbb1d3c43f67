import ArazzoJSON
import Foundation

/// A parsed simple condition (grammar/condition.ebnf, docs/semantics.md#simple-conditions), e.g.
/// `$statusCode == 200 && $response.body#/ok == true`.
///
/// Parsed once into a tree with a span on every node; evaluation never re-reads the text. A run
/// of `&&` (or `||`) is one node with a list of parts, so a long chain is a flat list, not a
/// deep tree; nesting (parentheses, `!`) is limited to `maxDepth` levels.
public struct Condition: Sendable {
  /// The deepest nesting of parentheses and `!` a condition may have.
  public static let maxDepth = 64

  public var text: String
  public var root: ConditionNode

  /// Parses a simple condition. Errors are `.invalidCondition` diagnostics, or
  /// `.invalidExpression` when a `$…` operand itself is malformed.
  public static func parse(
    _ text: String, origin: SourceLocation? = nil
  ) throws(Diagnostic) -> Condition {
    var ignored: [Diagnostic] = []
    return try parse(text, origin: origin, strict: false, warnings: &ignored)
  }

  /// Parses a simple condition, appending warnings for what it reads leniently (double-quoted
  /// strings); with `strict`, those are errors instead.
  public static func parse(
    _ text: String, origin: SourceLocation?, strict: Bool, warnings: inout [Diagnostic]
  ) throws(Diagnostic) -> Condition {
    let t = ExpressionText(text, origin: origin)
    var p = ConditionParser(t, strict: strict)
    let root = try p.parseCondition()
    warnings += p.warnings
    return Condition(text: text, root: root)
  }

  /// Every runtime expression among the operands, in order.
  public var expressions: [RuntimeExpression] {
    var out: [RuntimeExpression] = []
    root.collectExpressions(into: &out)
    return out
  }
}

/// One node of a condition tree.
public struct ConditionNode: Sendable {
  /// Boxed (`indirect`), so a node is a few words: the parser and evaluator recurse on nodes,
  /// and their stack frames hold node temporaries.
  public indirect enum Kind: Sendable {
    /// `a || b || …`: two or more parts, left to right.
    case or([ConditionNode])
    /// `a && b && …`: two or more parts, left to right.
    case and([ConditionNode])
    case not(ConditionNode)
    case comparison(ComparisonOperator, ConditionOperand, ConditionOperand)
    /// A bare operand: passes only when it is boolean `true`.
    case test(ConditionOperand)
  }

  public var kind: Kind
  /// Where this sub-expression is in the condition's text (scalar offsets, without enclosing
  /// parentheses): nodes keep no copy of their text, so a long chain costs linear memory.
  public var range: Range<Int>
  public var span: SourceSpan

  func collectExpressions(into out: inout [RuntimeExpression]) {
    switch kind {
    case .or(let parts), .and(let parts): for part in parts { part.collectExpressions(into: &out) }
    case .not(let a): a.collectExpressions(into: &out)
    case .comparison(_, let a, let b): out += a.expressions + b.expressions
    case .test(let a): out += a.expressions
    }
  }
}

public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">",
    greaterOrEqual = ">="
}

/// A literal or a runtime expression followed by `.member` / `[n]` / `['key']` navigation.
public struct ConditionOperand: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case literal(JSONValue)
    case expression(RuntimeExpression, navigation: [Navigation])
  }

  public enum Navigation: Sendable, Hashable {
    case member(String)
    case index(Int)
  }

  public var kind: Kind
  public var text: String
  public var span: SourceSpan

  var expressions: [RuntimeExpression] {
    if case .expression(let e, _) = kind { return [e] }
    return []
  }
}

// MARK: - Parser

private indirect enum Token: Equatable {
  case op(String)  // || && ! == != < <= > >= ( ) . [ ]
  case number(JSONValue)
  case string(String)
  case word(String)  // true/false/null, or a member name after '.'
  case expression(RuntimeExpression)
  case end
}

private struct Lexed {
  var token: Token
  var start: Int
  var end: Int
}

/// Recursive descent over a token list (precedence climbing in the clox spirit, written out).
/// Each `(` and `!` recurses one level deeper, up to `Condition.maxDepth`; `&&`/`||` chains are
/// loops.
struct ConditionParser {
  let t: ExpressionText
  let strict: Bool
  private(set) var warnings: [Diagnostic] = []
  private var tokens: [Lexed] = []
  private var k = 0
  private var depth = 0

  init(_ t: ExpressionText, strict: Bool = false) {
    self.t = t
    self.strict = strict
  }

  private func error(
    _ message: String, _ start: Int, _ end: Int, label: String? = nil, hint: String? = nil
  ) -> Diagnostic {
    Diagnostic(
      .invalidCondition, nil, message, at: t.span(start, length: max(end - start, 1)), label: label,
      hint: hint)
  }

  // Lexing ------------------------------------------------------------------------------------

  private static let wordStops: Set<Unicode.Scalar> = Set("!&()<=>|{}.[]'\",".unicodeScalars)

  private mutating func lex() throws(Diagnostic) {
    var i = 0
    while true {
      while let c = t[i], c.isSpace { i += 1 }
      guard let c = t[i] else {
        tokens.append(Lexed(token: .end, start: i, end: i))
        return
      }
      let start = i
      let afterDot = tokens.last?.token == .op(".")
      func two(_ s: String) -> Bool { t.slice(i, i + 2) == s }
      if afterDot, !c.isSpace, !Self.wordStops.contains(c) {
        while let d = t[i], !d.isSpace, !Self.wordStops.contains(d) { i += 1 }
        tokens.append(Lexed(token: .word(t.slice(start, i)), start: start, end: i))
        continue
      }
      switch c {
      case "$":
        var p = ExpressionParser(t, boundary: .condition)
        let e = try p.parse(at: i)
        i = p.i
        tokens.append(Lexed(token: .expression(e), start: start, end: i))
      case "'":
        i += 1
        var s = String.UnicodeScalarView()
        while true {
          guard let d = t[i] else {
            throw error(
              "unterminated string literal", start, i, label: "the string starts here",
              hint: "close it with ' (write '' for a quote inside it)")
          }
          if d == "'" {
            if t[i + 1] == "'" {
              s.append("'")
              i += 2
              continue
            }
            i += 1
            break
          }
          s.append(d)
          i += 1
        }
        tokens.append(Lexed(token: .string(String(s)), start: start, end: i))
      case "\"":
        // Not in the spec (strings are single-quoted), but common in real documents: read it as
        // a string and say so; --strict refuses it.
        var j = i + 1
        while let d = t[j], d != "\"" { j += 1 }
        let inner = t.slice(i + 1, j)
        let quoted = "'\(inner.replacingOccurrences(of: "'", with: "''"))'"
        guard t[j] != nil else {
          throw error(
            "unterminated string literal", start, j, label: "the string starts here",
            hint: "strings in conditions are single-quoted: \(quoted)")
        }
        let d = Diagnostic(
          .doubleQuotedString, strict ? .error : .warning,
          strict
            ? "double quotes do not make a string in a condition"
            : "double-quoted string \"\(inner)\" is read as the string \(quoted); the spec only has single-quoted strings",
          at: t.span(start, length: j + 1 - start), label: "use single quotes",
          hint: "write \(quoted) (strings are single-quoted; '' is a quote)",
          fixIt: FixIt(span: t.span(start, length: j + 1 - start), replacement: quoted))
        if strict { throw d }
        warnings.append(d)
        i = j + 1
        tokens.append(Lexed(token: .string(inner), start: start, end: i))
      case "-", "0"..."9":
        while let d = t[i],
          d.isASCIIDigit || d == "." || d == "e" || d == "E" || d == "+" || d == "-"
        { i += 1 }
        let text = t.slice(start, i)
        guard let n = jsonNumber(Substring(text)) else {
          throw error(
            "'\(text)' is not a number", start, i,
            hint: "numbers use JSON syntax, e.g. 200, -1, 2.5, 1e3")
        }
        tokens.append(Lexed(token: .number(n), start: start, end: i))
      case "(", ")", ".", "[", "]":
        i += 1
        tokens.append(Lexed(token: .op(String(c)), start: start, end: i))
      default:
        if two("||") || two("&&") || two("==") || two("!=") || two("<=") || two(">=") {
          i += 2
          tokens.append(Lexed(token: .op(t.slice(start, i)), start: start, end: i))
        } else if c == "!" || c == "<" || c == ">" {
          i += 1
          tokens.append(Lexed(token: .op(String(c)), start: start, end: i))
        } else if c == "=" {
          throw error(
            "'=' is not an operator", start, start + 1, label: "use '=='", hint: "compare with '=='"
          )
        } else if c == "|" || c == "&" {
          throw error("'\(c)' is not an operator", start, start + 1, label: "use '\(c)\(c)'")
        } else if c.isASCIILetter || c == "_" {
          while let d = t[i], !d.isSpace, !Self.wordStops.contains(d) { i += 1 }
          let w = t.slice(start, i)
          guard w == "true" || w == "false" || w == "null" else {
            let s = closest(to: w, in: ["true", "false", "null"])
            throw error(
              "unexpected word '\(w)'", start, i,
              label: s.map { "did you mean '\($0)'?" } ?? "not a literal or an expression",
              hint: s == nil
                ? "string literals are single-quoted ('\(w)'); runtime expressions start with '$'"
                : nil)
          }
          tokens.append(Lexed(token: .word(w), start: start, end: i))
        } else {
          throw error("unexpected character '\(c)'", start, start + 1)
        }
      }
    }
  }

  // Parsing -----------------------------------------------------------------------------------

  private var current: Lexed { tokens[k] }

  private func isOp(_ s: String) -> Bool { current.token == .op(s) }

  private func describe(_ l: Lexed) -> String {
    l.token == .end ? "the end of the condition" : "'\(t.slice(l.start, l.end))'"
  }

  mutating func parseCondition() throws(Diagnostic) -> ConditionNode {
    try lex()
    if tokens.count == 1 {
      throw error("the condition is empty", 0, 0, label: "expected a condition")
    }
    let node = try parseOr()
    guard current.token == .end else {
      if isOp(")") {
        throw error("unbalanced ')'", current.start, current.end, label: "no '(' matches this")
      }
      throw error(
        "unexpected \(describe(current))", current.start, current.end,
        label: "expected '&&', '||' or the end", hint: "join conditions with && or ||")
    }
    return node
  }

  private func node(_ kind: ConditionNode.Kind, _ start: Int, _ end: Int) -> ConditionNode {
    ConditionNode(kind: kind, range: start..<end, span: t.span(start, length: end - start))
  }

  /// Enters one more level of nesting at the current token (a `(` or `!`), or fails there.
  private mutating func enter() throws(Diagnostic) {
    depth += 1
    guard depth <= Condition.maxDepth else {
      throw error(
        "the condition nests deeper than \(Condition.maxDepth) levels", current.start, current.end,
        label: "too deep",
        hint: "split it into simpler conditions (a criterion list is all joined by &&)")
    }
  }

  // The functions that recurse (parseOr → parseAnd → parseUnary → parsePrimary → parseGroup)
  // do little themselves: operands, comparisons and error messages are built by functions
  // that do not recurse, so a nesting level costs a few small stack frames, even in a debug
  // build (where every temporary of a function keeps its own stack slot).

  private mutating func parseOr() throws(Diagnostic) -> ConditionNode {
    let start = current.start
    var parts = [try parseAnd()]
    while isOp("||") {
      k += 1
      parts.append(try parseAnd())
    }
    return parts.count == 1 ? parts[0] : node(.or(parts), start, tokens[k - 1].end)
  }

  private mutating func parseAnd() throws(Diagnostic) -> ConditionNode {
    let start = current.start
    var parts = [try parseUnary()]
    while isOp("&&") {
      k += 1
      parts.append(try parseUnary())
    }
    return parts.count == 1 ? parts[0] : node(.and(parts), start, tokens[k - 1].end)
  }

  private mutating func parseUnary() throws(Diagnostic) -> ConditionNode {
    guard isOp("!") else { return try parsePrimary() }
    let start = current.start
    try enter()
    defer { depth -= 1 }
    k += 1
    let inner = isOp("!") || isOp("(") ? try parseUnary() : try parseNegatedOperand()
    return node(.not(inner), start, tokens[k - 1].end)
  }

  /// The bare operand after `!` (which may not be compared).
  private mutating func parseNegatedOperand() throws(Diagnostic) -> ConditionNode {
    let bang = tokens[k - 1].start
    let start = current.start
    let operand = try parseOperand()
    if let cmp = comparisonOperator() {
      throw error(
        "'!' before a comparison is ambiguous", bang, tokens[k].end,
        label: "negates only '\(operand.text)'",
        hint: "write !(\(operand.text) \(cmp.rawValue) …) to negate the comparison")
    }
    return ConditionNode(kind: .test(operand), range: start..<tokens[k - 1].end, span: operand.span)
  }

  private func comparisonOperator() -> ComparisonOperator? {
    if case .op(let s) = current.token { return ComparisonOperator(rawValue: s) }
    return nil
  }

  private mutating func parsePrimary() throws(Diagnostic) -> ConditionNode {
    isOp("(") ? try parseGroup() : try parseComparison()
  }

  /// `( condition )`, not followed by a comparison operator.
  private mutating func parseGroup() throws(Diagnostic) -> ConditionNode {
    let open = k
    try enter()
    defer { depth -= 1 }
    k += 1
    let inner = try parseOr()
    try closeGroup(openedAt: open)
    return inner
  }

  private mutating func closeGroup(openedAt open: Int) throws(Diagnostic) {
    guard isOp(")") else {
      throw error(
        "expected ')' to close the '(' at column \(t.location(tokens[open].start).column)",
        current.start, current.end,
        label: "expected ')'")
    }
    k += 1
    if let cmp = comparisonOperator() {
      throw error(
        "'\(cmp.rawValue)' compares values, not conditions", current.start, current.end,
        hint: "a parenthesised condition cannot be compared; compare its operands instead")
    }
  }

  /// An operand, or two operands and a comparison operator.
  private mutating func parseComparison() throws(Diagnostic) -> ConditionNode {
    let start = current.start
    let left = try parseOperand()
    guard let op = comparisonOperator() else {
      return ConditionNode(kind: .test(left), range: start..<tokens[k - 1].end, span: left.span)
    }
    k += 1
    let right = try parseOperand()
    if let again = comparisonOperator() {
      throw error(
        "comparisons cannot be chained", current.start, current.end, label: "second comparison",
        hint: "join two comparisons with &&, e.g. a \(op.rawValue) b && b \(again.rawValue) c")
    }
    return node(.comparison(op, left, right), start, tokens[k - 1].end)
  }

  private mutating func parseOperand() throws(Diagnostic) -> ConditionOperand {
    let first = current
    func operand(_ kind: ConditionOperand.Kind, _ end: Int) -> ConditionOperand {
      ConditionOperand(
        kind: kind, text: t.slice(first.start, end),
        span: t.span(first.start, length: end - first.start))
    }
    switch first.token {
    case .number(let n):
      k += 1
      return operand(.literal(n), first.end)
    case .string(let s):
      k += 1
      return operand(.literal(.string(s)), first.end)
    case .word(let w):
      k += 1
      return operand(.literal(w == "true" ? true : w == "false" ? false : .null), first.end)
    case .expression(let e):
      k += 1
      var nav: [ConditionOperand.Navigation] = []
      while true {
        if isOp(".") {
          k += 1
          guard case .word(let m) = current.token else {
            throw error(
              "expected a member name after '.'", current.start, current.end,
              label: "expected a name")
          }
          nav.append(.member(m))
          k += 1
        } else if isOp("[") {
          let open = current
          k += 1
          switch current.token {
          case .number(.integer(let n)) where n >= 0: nav.append(.index(n))
          case .string(let s): nav.append(.member(s))
          default:
            throw error(
              "expected an index or a quoted key inside [ ]", current.start, current.end,
              hint: "write [0] for an array element or ['key'] for a member")
          }
          k += 1
          guard isOp("]") else {
            throw error(
              "expected ']' to close the '['", current.start, current.end,
              label: "opened at column \(t.location(open.start).column)")
          }
          k += 1
        } else {
          break
        }
      }
      return operand(.expression(e, navigation: nav), tokens[k - 1].end)
    case .end:
      throw error(
        "expected a value or a runtime expression", first.start, first.end,
        label: "the condition ends here")
    case .op(let o):
      throw error(
        "expected a value or a runtime expression, found '\(o)'", first.start, first.end,
        hint: o == "." || o == "["
          ? "'.'/'[' navigation follows a runtime expression like $response.body" : nil)
    }
  }
}
