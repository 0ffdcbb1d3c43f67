import ArazzoJSON
import Testing

@testable import ArazzoExpressions

@Suite struct EvaluableInput {
  static var context: any ExpressionContext {
    JSONContext(["statusCode": 200, "inputs": ["token": "t", "n": 2]])
  }

  static let cases: [(String, Resolution)] = [
    ("$statusCode", .value(200)),
    ("$statusCode == 200", .value(true)),
    ("$inputs.n > 3 || $inputs.token == 'T'", .value(true)),
    ("Bearer {$inputs.token}", .value("Bearer t")),
    ("$steps.x.outputs.y", .missing("step 'x' has not run")),
  ]

  @Test(arguments: cases)
  func evaluatesThroughAnExistential(_ text: String, _ expected: Resolution) throws {
    #expect(try Evaluable.parse(text).evaluate(in: Self.context) == expected)
  }

  @Test func errorsPickTheRightParser() {
    #expect(throws: Diagnostic.self) { try Evaluable.parse("$statusCode = 200") }
    do { _ = try Evaluable.parse("$statusCode = 200") } catch {
      #expect(error.code == .invalidCondition)
    }
    do { _ = try Evaluable.parse("$respons.body") } catch {
      #expect(error.code == .invalidExpression)
    }
  }

  @Test func explainTemplate() throws {
    #expect(
      try Evaluable.parse("Bearer {$inputs.token}").explain(in: Self.context).render() == """
        Bearer {$inputs.token}  →  "Bearer t"
        └─ $inputs.token  →  "t"

        """)
  }

  @Test func trailingDotIsText() {
    var d: [Diagnostic] = []
    let t = ValueTemplate.compile(string: "Use $inputs.token.", diagnostics: &d)
    #expect(t.evaluate(in: JSONContext(["inputs": ["token": "t"]])) == .value("Use t."))
    #expect(d.first?.hint == "write 'Use {$inputs.token}.'")
  }

  @Test func asciiFastPathAgreesWithFolding() {
    for (a, b) in [
      ("ABC", "abc"), ("abc", "abd"), ("ab", "abc"), ("Straße", "STRASSE"), ("x", "X"),
    ] {
      let fast = ConditionSemantics.asciiCaseInsensitiveEqual(a, b)
      let slow = ConditionSemantics.fold(a) == ConditionSemantics.fold(b)
      if let fast { #expect(fast == slow, "\(a) \(b)") }
      #expect(ConditionSemantics.equal(.string(a), .string(b)).0 == slow)
    }
  }
}

@Suite struct Performance {
  /// Evaluating a parsed condition many times gives the same answer (speed is measured in
  /// bench/, not here).
  @Test func conditionEvaluatesRepeatedly() throws {
    let c = try Condition.parse("$statusCode == 200 && $response.body#/data/status == 10")
    let ctx = JSONContext(["statusCode": 200, "response": ["body": ["data": ["status": 10]]]])
    var passed = 0
    for _ in 0..<1_000 where c.evaluate(in: ctx).passed { passed += 1 }
    #expect(passed == 1_000)
  }
}
