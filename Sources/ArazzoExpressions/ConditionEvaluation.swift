import ArazzoJSON
import Foundation

/// The result of evaluating a condition: pass or fail, plus why operands were missing.
public struct ConditionOutcome: Sendable, Equatable {
  public var passed: Bool
  /// One entry per operand that could not be resolved ("$steps.x.outputs.y: step 'x' has not
  /// run"). Empty on the happy path (and then nothing was allocated for it).
  public var missing: [String]

  public init(passed: Bool, missing: [String] = []) {
    self.passed = passed
    self.missing = missing
  }
}

/// Comparison semantics (docs/semantics.md#simple-conditions, [1.1] where it speaks):
///
/// - `==`/`!=`: two strings compare **case-insensitively** using full Unicode case folding,
///   locale-independent (`folding(options: .caseInsensitive, locale: nil)`: `ß` equals `SS`,
///   `É` equals `é`), with an ASCII fast path; numbers compare numerically (integers exactly);
///   a number and a string that is JSON number text compare as numbers (`'10' == 10`); booleans
///   as booleans; `null` equals only `null`; arrays and objects by deep JSON equality (strings
///   inside compare exactly); any other pair is unequal.
/// - `<`, `<=`, `>`, `>=`: numbers (or a number and numeric string) numerically; two strings by
///   Unicode scalar order after the same case folding; anything else (null, booleans, mixed
///   types, containers) is false.
/// - A *missing* operand (an absent member, an index out of range, a step that has not run)
///   compares as `null` under `==` and `!=`: `$response.body#/token == null` holds when the body
///   has no `token`, as the spec's own examples expect, and `!= 'x'` holds too; under `<`, `<=`,
///   `>` and `>=` it is false, as `null` is. Explanations name the rule: "missing, compared as
///   null".
/// - A bare operand passes only if it is boolean `true`; `!` flips the truth of what follows, and
///   `!` before a bare operand is true only when the operand is boolean `false` (so `!$missing`
///   and `!'text'` are false).
public enum ConditionSemantics {
  /// Case folding used for string equality and ordering.
  public static func fold(_ s: String) -> String {
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
    return s.folding(options: .caseInsensitive, locale: nil)
  }

  /// Case-insensitive equality without allocating, when both strings are ASCII; nil otherwise.
  static func asciiCaseInsensitiveEqual(_ a: String, _ b: String) -> Bool? {
    var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
    while true {
      switch (ia.next(), ib.next()) {
      case (nil, nil): return true
      case (let x?, let y?):
        if x >= 0x80 || y >= 0x80 { return nil }
        let lx = x >= 65 && x <= 90 ? x + 32 : x
        let ly = y >= 65 && y <= 90 ? y + 32 : y
        if lx != ly {
          return a.utf8.contains { $0 >= 0x80 } || b.utf8.contains { $0 >= 0x80 } ? nil : false
        }
      default:
        return a.utf8.contains { $0 >= 0x80 } || b.utf8.contains { $0 >= 0x80 } ? nil : false
      }
    }
  }

  static func numeric(_ v: JSONValue) -> JSONValue? {
    switch v {
    case .integer, .number: return v
    case .string(let s): return jsonNumber(Substring(s))
    default: return nil
    }
  }

  /// -1, 0, 1 for two numbers.
  static func compareNumbers(_ a: JSONValue, _ b: JSONValue) -> Int? {
    if case .integer(let x) = a, case .integer(let y) = b { return x < y ? -1 : x == y ? 0 : 1 }
    guard let x = a.doubleValue, let y = b.doubleValue else { return nil }
    return x < y ? -1 : x == y ? 0 : 1
  }

  /// How two values compare, with the rule used (for explain).
  public static func equal(_ a: JSONValue, _ b: JSONValue) -> (Bool, rule: String) {
    switch (a, b) {
    case (.string(let x), .string(let y)):
      if let ascii = asciiCaseInsensitiveEqual(x, y) { return (ascii, "strings, case-insensitive") }
      return (x == y || fold(x) == fold(y), "strings, case-insensitive")
    case (.integer, .integer), (.integer, .number), (.number, .integer), (.number, .number):
      return (compareNumbers(a, b) == 0, "numbers")
    case (.integer, .string), (.number, .string), (.string, .integer), (.string, .number):
      guard let x = numeric(a), let y = numeric(b) else {
        return (false, "number vs non-numeric string")
      }
      return (compareNumbers(x, y) == 0, "numeric string converted to a number")
    case (.bool(let x), .bool(let y)): return (x == y, "booleans")
    case (.null, .null): return (true, "null")
    case (.null, _), (_, .null): return (false, "null equals only null")
    case (.array, .array), (.object, .object): return (a == b, "deep equality")
    default: return (false, "\(a.typeName) vs \(b.typeName): different types")
    }
  }

  public static func order(_ a: JSONValue, _ b: JSONValue) -> (Int?, rule: String) {
    switch (a, b) {
    case (.string(let x), .string(let y)):
      let fx = fold(x).unicodeScalars, fy = fold(y).unicodeScalars
      let r = fx.lexicographicallyPrecedes(fy) ? -1 : fy.lexicographicallyPrecedes(fx) ? 1 : 0
      return (r, "strings, case-folded scalar order")
    default:
      if a.isNumber || b.isNumber, let x = numeric(a), let y = numeric(b) {
        return (
          compareNumbers(x, y),
          a.isNumber && b.isNumber ? "numbers" : "numeric string converted to a number"
        )
      }
      return (nil, "\(a.typeName) vs \(b.typeName) cannot be ordered")
    }
  }

  /// The rule named when an operand is missing.
  public static let missingRule = "missing, compared as null"

  /// Applies `op`; a missing operand compares as `null` (see the type's documentation).
  public static func compare(
    _ op: ComparisonOperator, _ a: Resolution, _ b: Resolution
  ) -> (Bool, rule: String) {
    let x: JSONValue, y: JSONValue
    let missing: Bool
    switch (a, b) {
    case (.value(let l), .value(let r)): (x, y, missing) = (l, r, false)
    case (.value(let l), .missing): (x, y, missing) = (l, .null, true)
    case (.missing, .value(let r)): (x, y, missing) = (.null, r, true)
    case (.missing, .missing): (x, y, missing) = (.null, .null, true)
    }
    switch op {
    case .equal:
      let (e, rule) = equal(x, y)
      return (e, missing ? missingRule : rule)
    case .notEqual:
      let (e, rule) = equal(x, y)
      return (!e, missing ? missingRule : rule)
    default:
      if missing { return (false, missingRule + ", which cannot be ordered") }
      let (c, rule) = order(x, y)
      guard let c else { return (false, rule) }
      switch op {
      case .less: return (c < 0, rule)
      case .lessOrEqual: return (c <= 0, rule)
      case .greater: return (c > 0, rule)
      default: return (c >= 0, rule)
      }
    }
  }
}

extension ConditionOperand {
  /// The operand's value: a literal, or the expression's value after navigation.
  public func evaluate(in context: some ExpressionContext) -> Resolution {
    switch kind {
    case .literal(let v): return .value(v)
    case .expression(let e, let navigation):
      var r = e.evaluate(in: context)
      for step in navigation {
        guard case .value(let v) = r else { break }
        switch step {
        case .member(let m):
          if let next = v[m] {
            r = .value(next)
          } else {
            r = .missing(
              v.objectValue == nil ? "\(v.typeName) has no member '\(m)'" : "no member '\(m)'")
          }
        case .index(let i):
          if let next = v[i] {
            r = .value(next)
          } else if let a = v.arrayValue {
            r = .missing("index \(i) is out of range (\(a.count) elements)")
          } else {
            r = .missing("\(v.typeName) cannot be indexed")
          }
        }
      }
      return r
    }
  }
}

extension Condition {
  /// Evaluates the condition (the fast path: no trace is built).
  public func evaluate(in context: some ExpressionContext) -> ConditionOutcome {
    var missing: [String] = []
    let passed = root.evaluate(in: context, missing: &missing)
    return ConditionOutcome(passed: passed, missing: missing)
  }

  /// Evaluates the condition and records every sub-expression's value (the debugger's
  /// `:explain`). `&&`/`||` short-circuit; skipped parts appear as `.skipped`.
  public func explain(in context: some ExpressionContext) -> ConditionTrace {
    root.trace(in: context, source: Array(text.unicodeScalars))
  }
}

// Evaluation and tracing recurse once per nesting level; the leaves (comparisons, operands)
// are evaluated by functions that do not recurse, which keeps each level's stack frame small.
extension ConditionNode {
  func evaluate(in context: some ExpressionContext, missing: inout [String]) -> Bool {
    switch kind {
    case .or(let parts):
      for part in parts where part.evaluate(in: context, missing: &missing) { return true }
      return false
    case .and(let parts):
      for part in parts where !part.evaluate(in: context, missing: &missing) { return false }
      return true
    case .not(let a):
      if case .test = a.kind {
        return a.evaluateLeaf(in: context, missing: &missing, negated: true)
      }
      return !a.evaluate(in: context, missing: &missing)
    case .comparison, .test:
      return evaluateLeaf(in: context, missing: &missing, negated: false)
    }
  }

  /// A comparison or a bare operand; `negated`: a bare operand under `!`, true only for `false`.
  private func evaluateLeaf(
    in context: some ExpressionContext, missing: inout [String], negated: Bool
  ) -> Bool {
    switch kind {
    case .comparison(let op, let l, let r):
      let a = l.resolve(in: context, missing: &missing)
      let b = r.resolve(in: context, missing: &missing)
      return ConditionSemantics.compare(op, a, b).0
    case .test(let operand):
      return operand.resolve(in: context, missing: &missing) == .value(.bool(!negated))
    default:
      return false
    }
  }

  /// The trace of this node; `source` is the condition's text, which nodes point into.
  func trace(in context: some ExpressionContext, source: [Unicode.Scalar]) -> ConditionTrace {
    switch kind {
    case .or(let parts), .and(let parts):
      var isOr = false
      if case .or = kind { isOr = true }
      var children: [ConditionTrace] = []
      for (i, part) in parts.enumerated() {
        children.append(part.trace(in: context, source: source))
        if children[i].passed == isOr, i + 1 < parts.count {
          children += parts[(i + 1)...].map { $0.skippedTrace(source) }
          return traced(
            source, .bool(isOr), note: "short-circuit: the right side is not evaluated", children)
        }
      }
      return traced(source, .bool(children.last?.passed == true), children)
    case .not(let a):
      if case .test = a.kind { return traceLeaf(in: context, source: source, negated: a) }
      let inner = a.trace(in: context, source: source)
      return traced(source, .bool(!inner.passed), [inner])
    case .comparison, .test:
      return traceLeaf(in: context, source: source, negated: nil)
    }
  }

  /// The trace of a comparison, a bare operand, or (`negated`) `!` before a bare operand.
  private func traceLeaf(
    in context: some ExpressionContext, source: [Unicode.Scalar], negated: ConditionNode?
  )
    -> ConditionTrace
  {
    if let negated, case .test(let operand) = negated.kind {
      let v = operand.evaluate(in: context)
      let passed = v == .value(.bool(false))
      return traced(
        source, .bool(passed),
        note: passed || v == .value(.bool(true)) ? nil : "'!' is true only for boolean false",
        [ConditionTrace(operand: operand, v)])
    }
    switch kind {
    case .comparison(let op, let l, let r):
      let a = l.evaluate(in: context)
      let b = r.evaluate(in: context)
      let (passed, rule) = ConditionSemantics.compare(op, a, b)
      return traced(
        source, .bool(passed), note: rule,
        [ConditionTrace(operand: l, a), ConditionTrace(operand: r, b)])
    case .test(let operand):
      let v = operand.evaluate(in: context)
      let passed = v == .value(.bool(true))
      return traced(
        source, .bool(passed), note: passed ? nil : "a bare operand passes only when it is true",
        [ConditionTrace(operand: operand, v)])
    default:
      return traced(source, .skipped, [])
    }
  }

  /// A trace of this node with its text.
  private func traced(
    _ source: [Unicode.Scalar], _ outcome: ConditionTrace.Outcome, note: String? = nil,
    _ children: [ConditionTrace]
  ) -> ConditionTrace {
    ConditionTrace(
      text: sourceText(in: source), span: span, outcome: outcome, note: note, children: children)
  }

  fileprivate func skippedTrace(_ source: [Unicode.Scalar]) -> ConditionTrace {
    traced(source, .skipped, [])
  }

  /// This node's text, out of the condition's scalars.
  func sourceText(in source: [Unicode.Scalar]) -> String {
    String(String.UnicodeScalarView(source[range.clamped(to: source.indices)]))
  }
}

extension ConditionOperand {
  fileprivate func resolve(
    in context: some ExpressionContext, missing: inout [String]
  ) -> Resolution {
    let r = evaluate(in: context)
    if case .missing(let reason) = r { missing.append("\(text): \(reason)") }
    return r
  }
}

// MARK: - Explain

/// How one part of a condition evaluated, with its parts: a tree a debugger prints part by part.
public struct ConditionTrace: Sendable, Equatable {
  public enum Outcome: Sendable, Equatable, CustomStringConvertible {
    case bool(Bool)
    case value(JSONValue)
    case missing(String)
    /// Not evaluated because `&&`/`||` short-circuited.
    case skipped

    public var description: String {
      switch self {
      case .bool(let b): return b ? "true" : "false"
      case .value(let v): return JSONPrinter.compact(v)
      case .missing(let r): return "missing (\(r))"
      case .skipped: return "not evaluated"
      }
    }
  }

  public var text: String
  public var span: SourceSpan?
  public var outcome: Outcome
  /// The rule applied ("numbers", "strings, case-insensitive", …).
  public var note: String?
  public var children: [ConditionTrace]

  public init(
    text: String, span: SourceSpan?, outcome: Outcome, note: String? = nil,
    children: [ConditionTrace] = []
  ) {
    self.text = text
    self.span = span
    self.outcome = outcome
    self.note = note
    self.children = children
  }

  init(operand: ConditionOperand, _ r: Resolution) {
    let literal: Bool
    if case .literal = operand.kind { literal = true } else { literal = false }
    switch r {
    case .value(let v):
      self.init(
        text: operand.text, span: operand.span, outcome: .value(v), note: literal ? "literal" : nil)
    case .missing(let m): self.init(text: operand.text, span: operand.span, outcome: .missing(m))
    }
  }

  /// Whether the whole condition passed.
  public var passed: Bool { outcome == .bool(true) }

  /// Plain text, one line per node, indented with tree guides:
  ///
  /// ```
  /// $statusCode == 200 || $statusCode == 201  →  true
  /// ├─ $statusCode == 200  →  false  [numbers]
  /// │  ├─ $statusCode  →  201
  /// │  └─ 200  →  200  [literal]
  /// └─ $statusCode == 201  →  true  [numbers]
  ///    ├─ $statusCode  →  201
  ///    └─ 201  →  201  [literal]
  /// ```
  public func render() -> String {
    var out = ""
    render(into: &out, prefix: "", childPrefix: "")
    return out
  }

  private func render(into out: inout String, prefix: String, childPrefix: String) {
    out += prefix + text + "  →  " + outcome.description
    if let note { out += "  [\(note)]" }
    out += "\n"
    for (i, child) in children.enumerated() {
      let last = i == children.count - 1
      child.render(
        into: &out, prefix: childPrefix + (last ? "└─ " : "├─ "),
        childPrefix: childPrefix + (last ? "   " : "│  "))
    }
  }
}
