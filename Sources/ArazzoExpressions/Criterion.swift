import ArazzoJSON
import Foundation

/// A Criterion Object as written, with where each field sits.
public struct Criterion: Sendable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case simple, regex, jsonpath, xpath
  }

  public var context: String?
  public var condition: String
  public var type: Kind
  /// The `version` of the Criterion Expression Type Object form, if used.
  public var version: String?
  public var contextOrigin: SourceLocation?
  public var conditionOrigin: SourceLocation?
  /// Where `type` (or its `version`) is written, for version diagnostics.
  public var typeOrigin: SourceLocation?

  public init(
    context: String? = nil, condition: String, type: Kind = .simple, version: String? = nil,
    contextOrigin: SourceLocation? = nil, conditionOrigin: SourceLocation? = nil,
    typeOrigin: SourceLocation? = nil
  ) {
    self.context = context
    self.condition = condition
    self.type = type
    self.version = version
    self.contextOrigin = contextOrigin
    self.conditionOrigin = conditionOrigin
    self.typeOrigin = typeOrigin
  }
}

/// Options for compiling criteria.
public struct CriterionOptions: Sendable {
  /// `--strict`: a jsonpath condition that is only a logical expression is an error (and the
  /// criterion then always fails), instead of a warning.
  public var strict: Bool
  public init(strict: Bool = false) { self.strict = strict }
}

/// How one criterion came out.
public struct CriterionResult: Sendable, Equatable {
  public var passed: Bool
  /// Operands or the context that could not be resolved, with reasons.
  public var missing: [String]
  /// Why the criterion could not be evaluated at all (invalid condition, bad regex, non-XML
  /// context…); the criterion then fails ([1.1] §5.6).
  public var error: String?
  /// For simple conditions evaluated with `explain`, the trace.
  public var trace: ConditionTrace?
  /// For other types, what was looked at ("context $response.body → {…}; 1 node selected").
  public var detail: String?
  /// For a jsonpath query evaluated with `explain`, the nodes it selected with their values, or
  /// why it selected none, and the filter probably meant (`JSONPathExplanation`).
  public var explanation: [String] = []

  public init(
    passed: Bool, missing: [String] = [], error: String? = nil, trace: ConditionTrace? = nil,
    detail: String? = nil
  ) {
    self.passed = passed
    self.missing = missing
    self.error = error
    self.trace = trace
    self.detail = detail
  }

  /// One line for reports: why it failed, or nil when it passed.
  public var reason: String? {
    if passed { return nil }
    if let error { return error }
    if !missing.isEmpty { return missing.joined(separator: "; ") }
    return detail
  }
}

/// A criterion compiled once: its context expression and condition are parsed, its regex,
/// JSONPath or XPath compiled. Evaluation re-parses nothing (except a regex with `{$…}` parts,
/// which must be compiled after substitution).
public final class CompiledCriterion: Sendable {
  public enum Body: Sendable {
    case simple(Condition)
    /// An ICU regex with search semantics (`match(_:_:_:in:)` says how the subject is made).
    case regex(BoundedRegex)
    /// A regex with `{$…}` parts, substituted then compiled at evaluation.
    case regexTemplate(StringTemplate)
    /// An RFC 9535 query: passes when it selects at least one node.
    case jsonpath(JSONPath)
    /// The seed quirk: a logical expression with `$` bound to the context value.
    case jsonpathLogical(JSONPathLogicalExpression, suggestion: String)
    case xpath(XPathBox)
    /// Could not be compiled; evaluation fails with this reason.
    case invalid(String)
  }

  public let criterion: Criterion
  public let context: RuntimeExpression?
  public let body: Body

  public init(criterion: Criterion, context: RuntimeExpression?, body: Body) {
    self.criterion = criterion
    self.context = context
    self.body = body
  }

  /// Compiles, appending warnings and errors (with spans) to `diagnostics`.
  public static func compile(
    _ criterion: Criterion, options: CriterionOptions = CriterionOptions(),
    diagnostics: inout [Diagnostic]
  ) -> CompiledCriterion {
    var context: RuntimeExpression? = nil
    var contextFailed = false
    if let text = criterion.context {
      do {
        context = try RuntimeExpression.parse(text, origin: criterion.contextOrigin)
      } catch {
        diagnostics.append(error)
        contextFailed = true
      }
    }
    let condition = ExpressionText(criterion.condition, origin: criterion.conditionOrigin)
    let conditionSpan = condition.span(0, length: condition.count)
    func invalid(_ reason: String) -> CompiledCriterion {
      CompiledCriterion(criterion: criterion, context: context, body: .invalid(reason))
    }

    if criterion.type == .simple {
      if let contextText = criterion.context {
        let t = ExpressionText(contextText, origin: criterion.contextOrigin)
        diagnostics.append(
          Diagnostic(
            .criterionContext, .warning, "a simple condition ignores 'context'",
            at: t.span(0, length: t.count),
            hint:
              "simple conditions name their operands themselves; remove 'context' or set a type (regex, jsonpath, xpath)"
          ))
      }
      do {
        return CompiledCriterion(
          criterion: criterion, context: context,
          body: .simple(
            try Condition.parse(
              criterion.condition, origin: criterion.conditionOrigin, strict: options.strict,
              warnings: &diagnostics)))
      } catch {
        diagnostics.append(error)
        return invalid("the condition does not parse: \(error.message)")
      }
    }

    guard criterion.context != nil else {
      diagnostics.append(
        Diagnostic(
          .criterionContext, nil, "a \(criterion.type.rawValue) criterion needs a 'context'",
          at: conditionSpan,
          hint: "add 'context: $response.body' (the value the condition is applied to)"))
      return invalid("the criterion has no context")
    }
    if contextFailed { return invalid("the context does not parse") }

    switch criterion.type {
    case .simple:
      return invalid("a simple condition")  // compiled above
    case .regex:
      var templateDiagnostics: [Diagnostic] = []
      let (parts, found) = ValueTemplate.scanTemplate(
        condition, options: .init(strict: options.strict, bareExpressions: false),
        diagnostics: &templateDiagnostics)
      diagnostics += templateDiagnostics
      if found {
        return CompiledCriterion(
          criterion: criterion, context: context, body: .regexTemplate(StringTemplate(parts: parts))
        )
      }
      switch Self.compileRegex(criterion.condition) {
      case .success(let regex):
        return CompiledCriterion(criterion: criterion, context: context, body: .regex(regex))
      case .failure(let message):
        diagnostics.append(
          Diagnostic(
            .invalidRegex, nil, "the regex does not compile: \(message)", at: conditionSpan,
            hint: "regex conditions use ICU (NSRegularExpression) syntax"))
        return invalid("the regex does not compile: \(message)")
      }
    case .jsonpath:
      return compileJSONPath(
        criterion, context: context, text: condition, options: options, diagnostics: &diagnostics)
    case .xpath:
      let version = criterion.version
      let versionSpan =
        criterion.typeOrigin.map {
          SourceSpan(start: $0, length: version?.unicodeScalars.count ?? 5)
        } ?? conditionSpan
      switch version {
      case "xpath-10":
        break
      case nil, "xpath-20", "xpath-30", "xpath-31":
        let name =
          version.map { v in
            let digits = v.dropFirst("xpath-".count)
            return "XPath \(digits.prefix(1)).\(digits.dropFirst())"
          } ?? "XPath 3.1 (the default for 'xpath')"
        diagnostics.append(
          Diagnostic(
            .unsupportedXPath, nil, "\(name) is evaluated with XPath 1.0 (libxml2)",
            at: versionSpan,
            notes: [
              DiagnosticNote(
                "expressions that use only XPath 1.0 features behave the same; 2.0+ syntax and functions fail to compile"
              )
            ],
            hint: "declare 'type: {type: xpath, version: xpath-10}' to say so"))
      default:
        diagnostics.append(
          Diagnostic(
            .unsupportedXPath, .error, "unknown XPath version '\(version ?? "")'", at: versionSpan,
            hint: "versions are xpath-10, xpath-20, xpath-30"))
        return invalid("unknown XPath version '\(version ?? "")'")
      }
      switch XPathProgram.compile(criterion.condition) {
      case .success(let p):
        return CompiledCriterion(
          criterion: criterion, context: context, body: .xpath(XPathBox(program: p)))
      case .failure(let f):
        diagnostics.append(
          Diagnostic(
            .invalidXPath, nil, "the XPath expression does not compile: \(f.message)",
            at: f.offset.map { condition.span($0) } ?? conditionSpan))
        return invalid("the XPath expression does not compile: \(f.message)")
      }
    }
  }

  private static func compileJSONPath(
    _ criterion: Criterion, context: RuntimeExpression?, text: ExpressionText,
    options: CriterionOptions,
    diagnostics: inout [Diagnostic]
  ) -> CompiledCriterion {
    let conditionSpan = text.span(0, length: text.count)
    if let version = criterion.version, version != "rfc9535" {
      diagnostics.append(
        Diagnostic(
          .unsupportedJSONPath, nil, "JSONPath version '\(version)' is evaluated as RFC 9535",
          at: criterion.typeOrigin.map {
            SourceSpan(start: $0, length: version.unicodeScalars.count)
          } ?? conditionSpan,
          hint: "Goessner-style queries mostly agree with RFC 9535; filters and functions differ"))
    }
    let queryError: JSONPathError
    do {
      return CompiledCriterion(
        criterion: criterion, context: context,
        body: .jsonpath(try JSONPath.parse(criterion.condition)))
    } catch {
      queryError = error
    }
    if let logical = try? JSONPathLogicalExpression.parse(criterion.condition) {
      let trimmed = criterion.condition.trimmingCharacters(in: .whitespaces)
      let suggestion = "$[?\(trimmed)]"
      let contextText = criterion.context ?? "the context"
      let message =
        options.strict
        ? "jsonpath condition '\(trimmed)' is not an RFC 9535 query (it is a comparison); under --strict it is not evaluated"
        : "jsonpath condition '\(trimmed)' is not an RFC 9535 query; it is read as a logical expression with $ = \(contextText), true when it holds"
      diagnostics.append(
        Diagnostic(
          .jsonPathLogicalExpression, options.strict ? .error : .warning, message,
          at: conditionSpan,
          label: "a comparison, not a query",
          notes: [
            DiagnosticNote(
              "read as an RFC 9535 query it is invalid (\(queryError.message) after '\(text.slice(0, queryError.offset))'), so a strict reader never passes it"
            )
          ],
          hint:
            "write '\(suggestion)': the RFC 9535 query that selects nodes exactly when this holds (for an object or array context)",
          fixIt: FixIt(span: conditionSpan, replacement: suggestion)))
      if options.strict {
        return CompiledCriterion(
          criterion: criterion, context: context,
          body: .invalid("not an RFC 9535 query: \(queryError.message)"))
      }
      return CompiledCriterion(
        criterion: criterion, context: context,
        body: .jsonpathLogical(logical, suggestion: suggestion))
    }
    let at = min(max(queryError.offset, 0), text.count)
    diagnostics.append(
      Diagnostic(
        .invalidJSONPath, nil, "invalid JSONPath query: \(queryError.message)",
        at: text.span(at, length: 1),
        label: queryError.message,
        notes: [DiagnosticNote("nor is it an RFC 9535 logical expression")],
        hint:
          "a jsonpath condition is an RFC 9535 query such as $[?$.status == 10] (the body's status is 10) or $.items[?@.price < 50]; it passes when it selects something"
      ))
    return CompiledCriterion(
      criterion: criterion, context: context,
      body: .invalid("invalid JSONPath query: \(queryError.message)"))
  }

  // Evaluation ------------------------------------------------------------------------------

  /// Evaluates the criterion. Never throws; an unusable criterion or context fails with a reason.
  public func evaluate(in ctx: some ExpressionContext) -> CriterionResult {
    run(ctx, explain: false)
  }

  /// Whether the criterion passes: `evaluate(in:).passed`, without composing the reasons and
  /// details a report would show (action criteria, checked on every dispatch, need only this).
  /// Inlinable, so the runtime calls it on the criterion in place instead of on a copy.
  @inlinable
  public func passes(in ctx: some ExpressionContext) -> Bool {
    switch body {
    case .simple(let condition):
      return condition.evaluate(in: ctx).passed
    case .jsonpathLogical(let logical, _):
      guard let context, case .value(let value) = context.evaluate(in: ctx), !value.isNull else {
        return false
      }
      return (try? logical.evaluate(value, deadline: ctx.deadline)) ?? false
    default:
      return evaluate(in: ctx).passed
    }
  }

  /// Like `evaluate`, with a trace for simple conditions and a detail line for the others.
  public func explain(in ctx: some ExpressionContext) -> CriterionResult { run(ctx, explain: true) }

  private func run(_ ctx: some ExpressionContext, explain: Bool) -> CriterionResult {
    if case .simple(let condition) = body {
      if explain {
        let trace = condition.explain(in: ctx)
        let outcome = condition.evaluate(in: ctx)
        return CriterionResult(passed: trace.passed, missing: outcome.missing, trace: trace)
      }
      let o = condition.evaluate(in: ctx)
      return CriterionResult(passed: o.passed, missing: o.missing)
    }
    if case .invalid(let reason) = body { return CriterionResult(passed: false, error: reason) }
    guard let context else {
      return CriterionResult(passed: false, error: "the criterion has no context")
    }
    let value: JSONValue
    switch context.evaluate(in: ctx) {
    case .missing(let reason):
      return CriterionResult(passed: false, missing: ["\(context.text): \(reason)"])
    case .value(let v): value = v
    }
    switch body {
    case .simple, .invalid:
      return CriterionResult(
        passed: false, error: "internal: criterion body evaluated out of order")
    case .regex(let regex):
      return Self.match(regex, value, context, in: ctx)
    case .regexTemplate(let template):
      switch template.evaluate(in: ctx) {
      case .missing(let reason): return CriterionResult(passed: false, missing: [reason])
      case .value(let v):
        switch Self.compileRegex(v.stringValue ?? "") {
        case .success(let regex): return Self.match(regex, value, context, in: ctx)
        case .failure(let message):
          return CriterionResult(
            passed: false, error: "the substituted regex does not compile: \(message)")
        }
      }
    case .jsonpath(let path):
      if value.isNull {
        return CriterionResult(passed: false, detail: "the context \(context.text) is null")
      }
      let nodes: [JSONPathNode]
      do {
        nodes = try path.select(value, deadline: ctx.deadline)
      } catch {
        return CriterionResult(passed: false, error: error.message)
      }
      var result = CriterionResult(
        passed: !nodes.isEmpty,
        detail: nodes.isEmpty
          ? context.bodyProblem(in: ctx) ?? "the query selected nothing"
          : "selected \(nodes.count) node\(nodes.count == 1 ? "" : "s"): "
            + nodes.prefix(3).map(\.normalizedPath).joined(separator: ", "))
      if explain, !nodes.isEmpty || context.bodyProblem(in: ctx) == nil {
        result.explanation =
          JSONPathExplanation(
            query: path, text: criterion.condition.trimmingCharacters(in: .whitespaces),
            root: value, nodes: nodes
          ).lines
      }
      return result
    case .jsonpathLogical(let logical, _):
      if value.isNull {
        return CriterionResult(passed: false, detail: "the context \(context.text) is null")
      }
      do {
        let ok = try logical.evaluate(value, deadline: ctx.deadline)
        if !ok, let problem = context.bodyProblem(in: ctx) {
          return CriterionResult(passed: false, detail: problem)
        }
        return CriterionResult(
          passed: ok, detail: "read as a logical expression with $ = \(context.text): \(ok)")
      } catch {
        return CriterionResult(passed: false, error: error.message)
      }
    case .xpath(let box):
      guard case .string(let xml) = value else {
        return CriterionResult(
          passed: false, error: "the context \(context.text) is \(value.typeName), not XML text")
      }
      switch box.program.evaluate(xml: xml) {
      case .success(let o):
        return CriterionResult(passed: o.value, detail: "XPath 1.0 result: \(o.description)")
      case .failure(let f): return CriterionResult(passed: false, error: f.message)
      }
    }
  }

  /// Matches a regex condition against the context value.
  ///
  /// ICU syntax, **search** semantics (unanchored: write `^…$` to anchor), no options
  /// (case-sensitive, `.` does not match newlines), matched by `BoundedRegex`. The subject
  /// is the context value as text: a string as is, numbers and booleans as JSON text (`200` →
  /// `"200"`), objects and arrays as compact JSON text; `null` or a missing context fails. A
  /// match that gives up (out of steps or stack, or at `ctx.deadline`) fails with that error.
  private static func match(
    _ regex: BoundedRegex, _ value: JSONValue, _ context: RuntimeExpression,
    in ctx: some ExpressionContext
  ) -> CriterionResult {
    if value.isNull {
      return CriterionResult(passed: false, detail: "the context \(context.text) is null")
    }
    let subject = Embedding.text(for: value)
    do {
      let ok = try regex.matches(in: subject, deadline: ctx.deadline)
      let shown = JSONPrinter.compact(.string(subject))
      return CriterionResult(
        passed: ok, detail: "regex \(ok ? "matched" : "did not match") \(shown)")
    } catch {
      return CriterionResult(passed: false, error: error.description)
    }
  }

  /// Compiles a regex condition, or says why it is not a valid ICU pattern.
  private static func compileRegex(_ pattern: String) -> Result<BoundedRegex, RegexConditionError> {
    do {
      return .success(try BoundedRegex(pattern))
    } catch {
      let message = "'\(pattern)' is not a valid ICU regular expression"
      return .failure(RegexConditionError(message: message))
    }
  }
}

/// A compiled XPath expression held by a criterion.
public struct XPathBox: @unchecked Sendable {
  let program: XPathProgram
}

/// Why a regex condition does not compile.
struct RegexConditionError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
