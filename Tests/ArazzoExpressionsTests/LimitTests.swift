import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

@testable import ArazzoExpressions

/// `inner` inside `n` pairs of parentheses.
func parenthesised(_ inner: String, _ n: Int) -> String {
  String(repeating: "(", count: n) + inner + String(repeating: ")", count: n)
}

/// The fastest of three runs of `body`, in seconds: one noisy run on a loaded machine does not
/// decide a comparison.
func fastest(_ body: () -> Void) -> Double {
  (0..<3).map { _ in
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }.min() ?? 0
}

/// Nesting limits: input nested up to a limit works on a small stack; deeper input is a located
/// error, never a stack overflow.
@Suite struct ConditionNestingLimits {
  static let context = JSONContext(["statusCode": 200, "inputs": ["off": false]])

  @Test func nestingUpToTheLimitWorksOnASmallStack() {
    let ok = onSmallStack { () -> Bool in
      let texts = [
        parenthesised("$statusCode == 200", Condition.maxDepth),
        String(repeating: "!", count: Condition.maxDepth) + "$inputs.off",
        String(repeating: "!(", count: Condition.maxDepth / 2) + "true"
          + String(repeating: ")", count: Condition.maxDepth / 2),
      ]
      return texts.allSatisfy { text in
        guard let c = try? Condition.parse(text) else { return false }
        let trace = c.explain(in: Self.context)
        return c.evaluate(in: Self.context).passed == trace.passed
          && trace == c.explain(in: Self.context)
          && !trace.render().isEmpty && c.expressions.count <= 1
      }
    }
    #expect(ok == true)
  }

  @Test(arguments: [
    (parenthesised("true", Condition.maxDepth + 1), 65),
    (parenthesised("$statusCode == 200", 100_000), 65),
    ("$statusCode == 200 && " + parenthesised("true", 100_000), 87),
    (String(repeating: "!", count: 100_000) + "true", 65),
    (String(repeating: "!(", count: 100_000) + "true", 65),
  ])
  func deeperNestingIsALocatedError(_ text: String, _ column: Int) {
    let error = onSmallStack { () -> Diagnostic? in
      do throws(Diagnostic) {
        _ = try Condition.parse(text)
        return nil
      } catch {
        return error
      }
    }
    #expect(error??.code == .invalidCondition)
    #expect(error??.message == "the condition nests deeper than 64 levels")
    #expect(error??.span?.start.column == column)
    #expect(error??.label == "too deep")
  }

  /// A chain of `&&`/`||` is a flat list: parsing, evaluating and explaining it costs the same
  /// per term at 5,000 terms as at 50,000 (it was quadratic: every node copied its text).
  @Test func longChainsCostLinearTime() throws {
    func chain(_ n: Int) -> String {
      (0..<n).map { $0 % 2 == 0 ? "$statusCode == 200" : "$inputs.off != true" }.joined(
        separator: " && ")
    }
    func perTerm(_ n: Int) -> Double {
      let text = chain(n)
      return fastest {
        guard let c = try? Condition.parse(text) else { return }
        _ = c.evaluate(in: Self.context)
        _ = c.explain(in: Self.context)
        _ = c.expressions
      } / Double(n)
    }
    let large = try Condition.parse(chain(50_000) + " || " + chain(10))
    #expect(large.evaluate(in: Self.context).passed)
    guard case .or(let parts) = large.root.kind, case .and(let terms) = parts[0].kind else {
      Issue.record("expected a flat chain")
      return
    }
    #expect(terms.count == 50_000)
    let small = perTerm(5_000), big = perTerm(50_000)
    #expect(big < small * 4, "per term: \(small * 1e6) µs at 5,000, \(big * 1e6) µs at 50,000")
  }

  @Test func aShortCircuitedChainExplainsEveryPart() throws {
    let c = try Condition.parse("$statusCode == 200 || $statusCode == 201 || $statusCode == 202")
    #expect(
      c.explain(in: Self.context).render() == """
        $statusCode == 200 || $statusCode == 201 || $statusCode == 202  →  true  [short-circuit: the right side is not evaluated]
        ├─ $statusCode == 200  →  true  [numbers]
        │  ├─ $statusCode  →  200
        │  └─ 200  →  200  [literal]
        ├─ $statusCode == 201  →  not evaluated
        └─ $statusCode == 202  →  not evaluated

        """)
  }
}

@Suite struct TemplateSizeLimits {
  /// Many `{$…}` parts, or bare `$…` tokens (each a warning), cost the same per part at 2,000
  /// parts as at 20,000: no rescanning of the rest of the text per `$`, no copy of the whole
  /// text in every warning.
  @Test(arguments: ["{$inputs.a%}", "$inputs.a%.", "{$nope%"])
  func manyExpressionsCostLinearTime(_ part: String) {
    func text(_ n: Int) -> String {
      (0..<n).map { part.replacingOccurrences(of: "%", with: String($0)) }.joined(separator: " ")
    }
    func perPart(_ n: Int) -> Double {
      let t = text(n)
      return fastest {
        var d: [Diagnostic] = []
        _ = ValueTemplate.compile(string: t, diagnostics: &d)
        _ = d.reduce(0) { $0 + ($1.hint?.count ?? 0) }
      } / Double(n)
    }
    let small = perPart(2_000), big = perPart(20_000)
    #expect(big < small * 4, "per part: \(small * 1e6) µs at 2,000, \(big * 1e6) µs at 20,000")
  }

  @Test func aBareTokenHintRepeatsOnlyShortTexts() {
    var d: [Diagnostic] = []
    _ = ValueTemplate.compile(string: "Bearer $inputs.token", diagnostics: &d)
    #expect(d.map(\.hint) == ["write 'Bearer {$inputs.token}'"])
    d = []
    let long = String(repeating: "x", count: ValueTemplate.maxHintLength) + " $inputs.token"
    _ = ValueTemplate.compile(string: long, diagnostics: &d)
    #expect(d.map(\.hint) == ["write '{$inputs.token}'"])
  }
}

@Suite struct XPathNestingLimits {
  @Test func nestingUpToTheLimitCompilesAndEvaluates() {
    let result = onSmallStack { () -> Bool? in
      guard
        case .success(let p) = XPathProgram.compile(
          parenthesised("count(/a/b) = 2", XPathProgram.maxDepth - 1))
      else { return nil }
      guard case .success(let o) = p.evaluate(xml: "<a><b/><b/></a>") else { return nil }
      return o.value
    }
    #expect(result == true)
  }

  @Test(arguments: [
    (parenthesised("1", XPathProgram.maxDepth + 1), 257),
    (parenthesised("1", 100_000), 257),
    ("/a" + String(repeating: "[b", count: 100_000), 515),
    ("'((((' = " + parenthesised("1", 300), 266),
  ])
  func deeperNestingIsALocatedError(_ text: String, _ column: Int) {
    let (c, d) = compile(
      Criterion(context: "$response.body", condition: text, type: .xpath, version: "xpath-10"))
    #expect(d.map(\.code) == [.invalidXPath])
    #expect(
      d.first?.message
        == "the XPath expression does not compile: the expression nests deeper than 256 levels (column \(column))"
    )
    #expect(d.first?.span?.start.column == column)
    #expect(c.evaluate(in: JSONContext(["response": ["body": "<a/>"]])).passed == false)
  }

  /// A long `or` chain is compiled with a context, so libxml2's recursion limit applies (without
  /// one, compiling recursed once per operator and overflowed the stack).
  @Test func aLongOperatorChainDoesNotOverflow() {
    let chain = Array(repeating: "1 = 2", count: 200_000).joined(separator: " or ") + " or 1 = 1"
    switch XPathProgram.compile(chain) {
    case .success(let p):
      if case .success(let o) = p.evaluate(xml: "<a/>") { #expect(o.value) }
    case .failure(let f):
      #expect(!f.message.isEmpty)
    }
  }
}
