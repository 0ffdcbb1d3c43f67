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

/// Comparison semantics (DIGEST §5.2, [1.1] where it speaks):
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
/// - A *missing* operand makes every comparison false, `!=` included.
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
        if lx != ly { return a.utf8.contains { $0 >= 0x80 } || b.utf8.contains { $0 >= 0x80 } ? nil : false }
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
      guard let x = numeric(a), let y = numeric(b) else { return (false, "number vs non-numeric string") }
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
        return (compareNumbers(x, y), a.isNumber && b.isNumber ? "numbers" : "numeric string converted to a number")
      }
      return (nil, "\(a.typeName) vs \(b.typeName) cannot be ordered")
    }
  }

  /// Applies `op`; missing operands make it false.
  public static func compare(_ op: ComparisonOperator, _ a: Resolution, _ b: Resolution) -> (Bool, rule: String) {
    guard case .value(let x) = a, case .value(let y) = b else { return (false, "a missing operand makes comparisons false") }
    switch op {
    case .equal: return equal(x, y)
    case .notEqual:
      let (e, rule) = equal(x, y)
      return (!e, rule)
    default:
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
            r = .missing(v.objectValue == nil ? "\(v.typeName) has no member '\(m)'" : "no member '\(m)'")
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
    root.trace(in: context)
  }
}

extension ConditionNode {
  func evaluate(in context: some ExpressionContext, missing: inout [String]) -> Bool {
    switch kind {
    case .or(let a, let b): return a.evaluate(in: context, missing: &missing) || b.evaluate(in: context, missing: &missing)
    case .and(let a, let b): return a.evaluate(in: context, missing: &missing) && b.evaluate(in: context, missing: &missing)
    case .not(let a):
      if case .test(let operand) = a.kind {
        let v = operand.resolve(in: context, missing: &missing)
        return v == .value(.bool(false))
      }
      return !a.evaluate(in: context, missing: &missing)
    case .comparison(let op, let l, let r):
      let a = l.resolve(in: context, missing: &missing)
      let b = r.resolve(in: context, missing: &missing)
      return ConditionSemantics.compare(op, a, b).0
    case .test(let operand):
      return operand.resolve(in: context, missing: &missing) == .value(.bool(true))
    }
  }

  func trace(in context: some ExpressionContext) -> ConditionTrace {
    switch kind {
    case .or(let a, let b), .and(let a, let b):
      let isOr: Bool
      if case .or = kind { isOr = true } else { isOr = false }
      let left = a.trace(in: context)
      let leftTrue = left.outcome == .bool(true)
      if leftTrue == isOr {
        return ConditionTrace(
          text: text, span: span, outcome: .bool(leftTrue), note: "short-circuit: the right side is not evaluated",
          children: [left, a.skippedTrace(b)])
      }
      let right = b.trace(in: context)
      return ConditionTrace(text: text, span: span, outcome: right.outcome == .bool(true) ? .bool(true) : .bool(false), children: [left, right])
    case .not(let a):
      if case .test(let operand) = a.kind {
        let v = operand.evaluate(in: context)
        let child = ConditionTrace(operand: operand, v)
        let passed = v == .value(.bool(false))
        return ConditionTrace(
          text: text, span: span, outcome: .bool(passed),
          note: passed || v == .value(.bool(true)) ? nil : "'!' is true only for boolean false", children: [child])
      }
      let inner = a.trace(in: context)
      return ConditionTrace(text: text, span: span, outcome: .bool(inner.outcome != .bool(true)), children: [inner])
    case .comparison(let op, let l, let r):
      let a = l.evaluate(in: context)
      let b = r.evaluate(in: context)
      let (passed, rule) = ConditionSemantics.compare(op, a, b)
      return ConditionTrace(
        text: text, span: span, outcome: .bool(passed), note: rule,
        children: [ConditionTrace(operand: l, a), ConditionTrace(operand: r, b)])
    case .test(let operand):
      let v = operand.evaluate(in: context)
      let passed = v == .value(.bool(true))
      return ConditionTrace(
        text: text, span: span, outcome: .bool(passed),
        note: passed ? nil : "a bare operand passes only when it is true",
        children: [ConditionTrace(operand: operand, v)])
    }
  }

  fileprivate func skippedTrace(_ b: ConditionNode) -> ConditionTrace {
    ConditionTrace(text: b.text, span: b.span, outcome: .skipped, children: [])
  }
}

extension ConditionOperand {
  fileprivate func resolve(in context: some ExpressionContext, missing: inout [String]) -> Resolution {
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

  public init(text: String, span: SourceSpan?, outcome: Outcome, note: String? = nil, children: [ConditionTrace] = []) {
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
    case .value(let v): self.init(text: operand.text, span: operand.span, outcome: .value(v), note: literal ? "literal" : nil)
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
      child.render(into: &out, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "))
    }
  }
}
