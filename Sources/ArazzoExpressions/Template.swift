import ArazzoJSON

/// A string with embedded runtime expressions (`Bearer {$inputs.token}`), parsed once.
public struct StringTemplate: Sendable, Hashable {
  public enum Part: Sendable, Hashable {
    case text(String)
    /// An expression; `braced` is false for the seed quirk (`Bearer $inputs.token`).
    case expression(RuntimeExpression, braced: Bool)
  }

  public var parts: [Part]

  public init(parts: [Part]) { self.parts = parts }

  /// The expressions, in order.
  public var expressions: [RuntimeExpression] {
    parts.compactMap { if case .expression(let e, _) = $0 { return e } else { return nil } }
  }

  /// The spliced string; missing if any expression is missing (the reason names it).
  public func evaluate(in context: some ExpressionContext) -> Resolution {
    var out = ""
    for part in parts {
      switch part {
      case .text(let s): out += s
      case .expression(let e, _):
        switch e.evaluate(in: context) {
        case .value(let v): out += Embedding.text(for: v)
        case .missing(let reason): return .missing("\(e.text): \(reason)")
        }
      }
    }
    return .value(.string(out))
  }
}

/// How a value is written into a string ([1.1], docs/semantics.md#embedding).
public enum Embedding {
  /// Strings unchanged; `null`, booleans and numbers as their JSON text (numbers in shortest
  /// form: `100.0` → `100`, `0.1` → `0.1`); objects and arrays as compact JSON text.
  public static func text(for value: JSONValue) -> String {
    switch value {
    case .string(let s): return s
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d): return numberText(d)
    case .array, .object: return JSONPrinter.compact(value)
    }
  }

  static func numberText(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return d.description
  }
}

/// A value whose string leaves may be runtime expressions or templates (a parameter value, a
/// payload, an output). Compiled once; keys are never evaluated.
public indirect enum ValueTemplate: Sendable, Hashable {
  case literal(JSONValue)
  /// The whole string is one expression: the result keeps its type.
  case expression(RuntimeExpression)
  /// A string with embedded expressions: the result is a string.
  case template(StringTemplate)
  case array([ValueTemplate])
  case object([Member])

  public struct Member: Sendable, Hashable {
    public var key: String
    public var value: ValueTemplate
    public init(key: String, value: ValueTemplate) {
      self.key = key
      self.value = value
    }
  }

  /// Options for classifying strings.
  public struct Options: Sendable {
    /// `--strict`: a bare `$…` token next to other text stays literal, and its diagnostic is an
    /// error instead of a warning.
    public var strict: Bool
    /// Whether bare `$…` tokens are looked for at all (off for regex conditions, where `$` is an
    /// anchor).
    public var bareExpressions: Bool

    public init(strict: Bool = false, bareExpressions: Bool = true) {
      self.strict = strict
      self.bareExpressions = bareExpressions
    }
  }

  /// Evaluates every expression; missing when any expression is missing.
  public func evaluate(in context: some ExpressionContext) -> Resolution {
    switch self {
    case .literal(let v): return .value(v)
    case .expression(let e):
      switch e.evaluate(in: context) {
      case .value(let v): return .value(v)
      case .missing(let r): return .missing("\(e.text): \(r)")
      }
    case .template(let t): return t.evaluate(in: context)
    case .array(let items):
      var out: [JSONValue] = []
      out.reserveCapacity(items.count)
      for item in items {
        switch item.evaluate(in: context) {
        case .value(let v): out.append(v)
        case .missing(let r): return .missing(r)
        }
      }
      return .value(.array(out))
    case .object(let members):
      var out = JSONObject()
      for m in members {
        switch m.value.evaluate(in: context) {
        case .value(let v): out[m.key] = v
        case .missing(let r): return .missing(r)
        }
      }
      return .value(.object(out))
    }
  }

  /// Whether nothing needs evaluating.
  public var isConstant: Bool {
    switch self {
    case .literal: return true
    case .expression, .template: return false
    case .array(let a): return a.allSatisfy(\.isConstant)
    case .object(let o): return o.allSatisfy { $0.value.isConstant }
    }
  }

  /// Every expression inside, in document order (for reference checks).
  public var expressions: [RuntimeExpression] {
    switch self {
    case .literal: return []
    case .expression(let e): return [e]
    case .template(let t): return t.expressions
    case .array(let a): return a.flatMap(\.expressions)
    case .object(let o): return o.flatMap { $0.value.expressions }
    }
  }

  /// Compiles a JSON payload: each string leaf is classified with `compile(string:)`; `locate`
  /// gives the source location of the leaf at a pointer (nil: a synthetic location).
  public static func compile(
    _ value: JSONValue, options: Options = Options(),
    locate: (JSONPointer) -> SourceLocation? = { _ in nil },
    diagnostics: inout [Diagnostic]
  ) -> ValueTemplate {
    compile(value, at: JSONPointer(), options: options, locate: locate, diagnostics: &diagnostics)
  }

  private static func compile(
    _ value: JSONValue, at pointer: JSONPointer, options: Options,
    locate: (JSONPointer) -> SourceLocation?,
    diagnostics: inout [Diagnostic]
  ) -> ValueTemplate {
    switch value {
    case .string(let s):
      return compile(
        string: s, origin: locate(pointer), options: options, diagnostics: &diagnostics)
    case .array(let a):
      let items = a.enumerated().map { i, v in
        compile(
          v, at: pointer.appending(i), options: options, locate: locate, diagnostics: &diagnostics)
      }
      return items.allSatisfy(\.isConstant) ? .literal(value) : .array(items)
    case .object(let o):
      let members = o.members.map { key, v in
        Member(
          key: key,
          value: compile(
            v, at: pointer.appending(key), options: options, locate: locate,
            diagnostics: &diagnostics))
      }
      return members.allSatisfy(\.value.isConstant) ? .literal(value) : .object(members)
    default:
      return .literal(value)
    }
  }

  /// Classifies one string (docs/semantics.md#expression-or-literal): (a) the whole string is one
  /// expression → `.expression`; (b) it holds `{$…}` parts (a `{` not followed by `$` is literal
  /// text) or bare `$…` tokens with a known root → `.template`; (c) otherwise `.literal`.
  ///
  /// Diagnostics: an error for a `{$…}` with a known root that does not parse; a warning for a
  /// `{$…}` with an unknown root (kept literal) or a single `$word…` token that does not parse;
  /// `.unbracedExpression` (warning, or error when strict) with a fix-it for each bare token.
  public static func compile(
    string text: String, origin: SourceLocation? = nil, options: Options = Options(),
    diagnostics: inout [Diagnostic]
  ) -> ValueTemplate {
    let first = text.unicodeScalars.first
    var wholeError: Diagnostic? = nil
    if first == "$" {
      do {
        return .expression(try RuntimeExpression.parse(text, origin: origin))
      } catch {
        wholeError = error
      }
    }
    guard text.unicodeScalars.contains("$") else { return .literal(.string(text)) }
    let t = ExpressionText(text, origin: origin)
    let (parts, found) = scanTemplate(t, options: options, diagnostics: &diagnostics)
    if found { return .template(StringTemplate(parts: parts)) }
    // A single `$word…` token that does not parse was probably meant as an expression.
    if var d = wholeError, !text.unicodeScalars.contains(where: \.isSpace), first == "$",
      text.unicodeScalars.dropFirst().first?.isASCIILetter == true
    {
      d.severity = .warning
      d.message = "'\(text)' is not a runtime expression (\(d.message)); it is used as literal text"
      diagnostics.append(d)
    }
    return .literal(.string(text))
  }

  /// Splits text into literal and expression parts. `found` is true when any expression part
  /// (braced or accepted bare) exists.
  static func scanTemplate(
    _ t: ExpressionText, options: Options, diagnostics: inout [Diagnostic]
  ) -> ([StringTemplate.Part], Bool) {
    var parts: [StringTemplate.Part] = []
    var literal = String.UnicodeScalarView()
    var found = false
    var bare: [(RuntimeExpression, Range<Int>)] = []
    var i = 0
    func flush() {
      if !literal.isEmpty {
        parts.append(.text(String(literal)))
        literal = String.UnicodeScalarView()
      }
    }
    while i < t.count {
      let c = t.scalars[i]
      if c == "{", t[i + 1] == "$" {
        var p = ExpressionParser(t, boundary: .braced)
        do {
          let e = try p.parse(at: i + 1)
          if t[p.i] == "}" {
            flush()
            parts.append(.expression(e, braced: true))
            found = true
            i = p.i + 1
            continue
          }
          diagnostics.append(
            Diagnostic(
              .invalidExpression, nil,
              "embedded expression '{\(e.text)' is missing its closing '}'",
              at: t.span(i, length: p.i - i), label: "expected '}'",
              fixIt: FixIt(span: t.span(p.i, length: 0), replacement: "}")))
          literal.append(contentsOf: t.scalars[i..<p.i])
          i = p.i
          continue
        } catch {
          var d = error
          if !RuntimeExpression.hasKnownRoot(t.scalars[(i + 1)...]) {
            d.severity = .warning
            d.message =
              "'{\(t.slice(i + 1, min(t.count, i + 12)))…' is not an embedded expression (\(d.message)); it is kept as text"
          }
          diagnostics.append(d)
        }
        // Keep `{$` as text; the `$` is not looked at again as a bare token.
        literal.append(contentsOf: t.scalars[i..<i + 2])
        i += 2
        continue
      }
      if c == "$", options.bareExpressions, i == 0 || !isWordScalar(t.scalars[i - 1]),
        RuntimeExpression.hasKnownRoot(t.scalars[i...])
      {
        var p = ExpressionParser(t, boundary: .bare)
        var parsed = try? p.parse(at: i)
        if let e = parsed, e.text.hasSuffix("."), e.text.count > 1 {
          // "… $inputs.token." ends a sentence: the trailing dots are text, not part of the name.
          // Only the token is re-read (its errors are dropped), not the text before it.
          var end = p.i
          while end > i, t[end - 1] == "." { end -= 1 }
          var q = ExpressionParser(ExpressionText(t.slice(i, end), origin: nil), boundary: .bare)
          parsed = try? q.parse(at: 0)
          if parsed != nil { p.i = i + q.i }
        }
        if let e = parsed {
          bare.append((e, i..<p.i))
          if !options.strict {
            flush()
            parts.append(.expression(e, braced: false))
            found = true
          } else {
            literal.append(contentsOf: t.scalars[i..<p.i])
          }
          i = p.i
          continue
        }
      }
      literal.append(c)
      i += 1
    }
    flush()
    if !bare.isEmpty {
      // The whole string with every bare token braced, for the hint.
      var fixed = ""
      var last = 0
      for (e, r) in bare {
        fixed += t.slice(last, r.lowerBound) + "{" + e.text + "}"
        last = r.upperBound
      }
      fixed += t.slice(last, t.count)
      // Every diagnostic holding the whole text would take memory quadratic in its length.
      let wholeHint = fixed.unicodeScalars.count <= Self.maxHintLength
      for (e, r) in bare {
        let message =
          options.strict
          ? "runtime expression '\(e.text)' is not inside {…}; under --strict the text is sent literally"
          : "runtime expression '\(e.text)' is not inside {…}; it is interpolated as if braced"
        diagnostics.append(
          Diagnostic(
            .unbracedExpression, options.strict ? .error : .warning, message, at: t.span(r),
            label: "write {\(e.text)}",
            hint: wholeHint ? "write '\(fixed)'" : "write '{\(e.text)}'",
            fixIt: FixIt(span: t.span(r), replacement: "{\(e.text)}")))
      }
    }
    return (parts, found)
  }

  /// The longest text a hint repeats whole.
  static let maxHintLength = 240

  private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
    c.isASCIILetter || c.isASCIIDigit || c == "_"
  }
}
