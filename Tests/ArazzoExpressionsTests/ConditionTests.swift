import ArazzoJSON
import Testing

@testable import ArazzoExpressions

/// Renders a condition tree with explicit grouping, to check precedence.
func shape(_ n: ConditionNode) -> String {
  switch n.kind {
  case .or(let parts): return "(" + parts.map(shape).joined(separator: " || ") + ")"
  case .and(let parts): return "(" + parts.map(shape).joined(separator: " && ") + ")"
  case .not(let a): return "!\(shape(a))"
  case .comparison(let op, let a, let b): return "[\(a.text) \(op.rawValue) \(b.text)]"
  case .test(let a): return a.text
  }
}

@Suite struct ConditionParsing {
  static let precedence: [(String, String)] = [
    ("$statusCode == 200", "[$statusCode == 200]"),
    ("$statusCode==200", "[$statusCode == 200]"),
    ("true || false && false", "(true || (false && false))"),
    ("(true || false) && false", "((true || false) && false)"),
    ("!true && false", "(!true && false)"),
    ("!(true && false)", "!(true && false)"),
    ("!!$inputs.flag", "!!$inputs.flag"),
    (
      "$inputs.a == 1 || $inputs.b != 'x' && $inputs.c < 3",
      "([$inputs.a == 1] || ([$inputs.b != 'x'] && [$inputs.c < 3]))"
    ),
    ("$inputs.a && $inputs.b || $inputs.c", "(($inputs.a && $inputs.b) || $inputs.c)"),
    ("$response.body.data[0].id >= -1.5e2", "[$response.body.data[0].id >= -1.5e2]"),
    ("$steps.s.outputs.list[2] <= 'it''s'", "[$steps.s.outputs.list[2] <= 'it''s']"),
    ("$response.body#/items[0] == null", "[$response.body#/items[0] == null]"),
    ("$response.body['odd key'] > 0", "[$response.body['odd key'] > 0]"),
    ("( ( $statusCode == 200 ) )", "[$statusCode == 200]"),
  ]

  @Test(arguments: precedence)
  func parsesWithPrecedence(_ text: String, _ expected: String) throws {
    #expect(shape(try Condition.parse(text).root) == expected)
  }

  static let errors: [(String, String)] = [
    ("", "the condition is empty"),
    ("$statusCode = 200", "'=' is not an operator"),
    ("$a < $b", "unknown expression source '$a'"),
    ("$inputs.a < $inputs.b < $inputs.c", "comparisons cannot be chained"),
    ("!$inputs.a == 1", "'!' before a comparison is ambiguous"),
    ("($statusCode == 200", "expected ')' to close the '(' at column 1"),
    ("$statusCode == 200)", "unbalanced ')'"),
    ("$statusCode == 'abc", "unterminated string literal"),
    ("$statusCode == 01", "'01' is not a number"),
    ("$statusCode == ok", "unexpected word 'ok'"),
    ("$statusCode == 200 $url", "unexpected '$url'"),
    ("$statusCode | 1", "'|' is not an operator"),
    ("(true) == true", "'==' compares values, not conditions"),
    ("$response.body. == 1", "expected a member name after '.'"),
    ("$response.body[x] == 1", "unexpected word 'x'"),
    ("$response.body[-1] == 1", "expected an index or a quoted key inside [ ]"),
    ("$statusCode ==", "expected a value or a runtime expression"),
  ]

  @Test(arguments: errors)
  func rejects(_ text: String, _ message: String) {
    do {
      _ = try Condition.parse(text)
      Issue.record("expected an error for \(text)")
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func badExpressionOperandIsAnExpressionError() {
    do {
      _ = try Condition.parse("$respons.body == 1")
      Issue.record("expected failure")
    } catch {
      #expect(error.code == .invalidExpression)
    }
  }

  /// Double-quoted strings are read as strings with a warning; --strict refuses them.
  @Test func doubleQuotedStringIsLenientAndStrictRefusesIt() throws {
    let file = SourceFile(
      path: "a.yaml", text: "  - condition: $response.body#/status == \"done\"\n")
    let origin = SourceLocation(file: file, line: 1, column: 16)
    var warnings: [Diagnostic] = []
    let condition = try Condition.parse(
      "$response.body#/status == \"done\"", origin: origin, strict: false, warnings: &warnings)
    let context = JSONContext(["response": ["body": ["status": "DONE"]]])
    #expect(condition.evaluate(in: context).passed)
    #expect(
      warnings.map(DiagnosticRenderer().render) == [
        """
        warning[AZ2037]: double-quoted string "done" is read as the string 'done'; the spec only has single-quoted strings
         --> a.yaml:1:42
          |
        1 |   - condition: $response.body#/status == "done"
          |                                          ^^^^^^ use single quotes
          = hint: write 'done' (strings are single-quoted; '' is a quote)
          = fix-it: replace `"done"` with `'done'`

        """
      ])
    var ignored: [Diagnostic] = []
    #expect(throws: Diagnostic.self) {
      _ = try Condition.parse(
        "$response.body#/status == \"done\"", origin: origin, strict: true, warnings: &ignored)
    }
  }
}

@Suite struct ConditionSemanticsTests {
  static let context = JSONContext([
    "statusCode": 200,
    "inputs": [
      "flag": true, "off": false, "name": "Straße", "n": "10", "list": [1, 2], "obj": ["a": 1],
      "nil": nil,
      "f": 2.5, "word": "abc",
    ],
    "response": ["body": ["data": ["status": 10, "items": [["id": 7]]], "token": "t"]],
  ])

  static let table: [(String, Bool)] = [
    ("$statusCode == 200", true),
    ("$statusCode != 200", false),
    ("$statusCode == 200.0", true),
    ("$statusCode == '200'", true),
    ("'200' == $statusCode", true),
    ("$statusCode == '2e2'", true),
    ("$statusCode == 'x200'", false),
    ("$statusCode >= 200 && $statusCode < 300", true),
    ("$statusCode == 200 || $statusCode == 201", true),
    ("$inputs.name == 'STRASSE'", true),
    ("$inputs.name == 'strasse'", true),
    ("'ABC' == 'abc'", true),
    ("'abc' < 'ABD'", true),
    ("'b' > 'A'", true),
    ("$inputs.n > 9", true),
    ("$inputs.n == 10", true),
    ("$inputs.n > '9'", false),
    ("$inputs.flag", true),
    ("$inputs.off", false),
    ("!$inputs.off", true),
    ("!$inputs.flag", false),
    ("$inputs.word", false),
    ("!$inputs.word", false),
    ("$inputs.flag == true", true),
    ("$inputs.flag == 'true'", false),
    ("$inputs.nil == null", true),
    ("$inputs.word != null", true),
    ("null == false", false),
    ("null < 1", false),
    ("null >= null", false),
    ("$inputs.list == $inputs.list", true),
    ("$inputs.obj == $inputs.obj", true),
    ("$inputs.list[1] == 2", true),
    // A missing operand compares as null under == and != (the spec's examples rely on it),
    // and cannot be ordered.
    ("$inputs.list[5] == null", true),
    ("$inputs.list[5] != null", false),
    ("$inputs.list[5] != 'x'", true),
    ("$inputs.list[5] == 'x'", false),
    ("$inputs.list[5] < 1", false),
    ("$inputs.list[5] >= 1", false),
    ("$steps.nope.outputs.x == $steps.nope.outputs.y", true),
    ("$inputs.list[5] != null", false),
    ("$inputs.obj.a == 1", true),
    ("$inputs.f > 2", true),
    ("$inputs.f < 2.6", true),
    ("$response.body.data.status == 10", true),
    ("$response.body#/data/status == 10", true),
    ("$response.body#/data/items/0/id == 7", true),
    ("$response.body.data.items[0].id == 7", true),
    ("$response.body#/redirect != null", false),
    ("$response.body#/token != null", true),
    ("$steps.nope.outputs.x == 1", false),
    ("!($steps.nope.outputs.x == 1)", true),
    ("true && !false", true),
    ("!(true || false)", false),
    ("true == true", true),
    ("1 < true", false),
    ("$inputs.list < 3", false),
  ]

  @Test(arguments: table)
  func evaluates(_ text: String, _ expected: Bool) throws {
    let c = try Condition.parse(text)
    #expect(c.evaluate(in: Self.context).passed == expected)
    #expect(c.explain(in: Self.context).passed == expected)
  }

  @Test func missingReasons() throws {
    let o = try Condition.parse("$steps.listArtifacts.outputs.artifacts != null").evaluate(
      in: Self.context)
    #expect(!o.passed)
    #expect(
      o.missing == ["$steps.listArtifacts.outputs.artifacts: step 'listArtifacts' has not run"])
  }

  @Test func explainRendersATree() throws {
    let c = try Condition.parse(
      "$statusCode == 201 || $response.body#/data/status == '10' && $inputs.flag")
    #expect(
      c.explain(in: Self.context).render() == """
        $statusCode == 201 || $response.body#/data/status == '10' && $inputs.flag  →  true
        ├─ $statusCode == 201  →  false  [numbers]
        │  ├─ $statusCode  →  200
        │  └─ 201  →  201  [literal]
        └─ $response.body#/data/status == '10' && $inputs.flag  →  true
           ├─ $response.body#/data/status == '10'  →  true  [numeric string converted to a number]
           │  ├─ $response.body#/data/status  →  10
           │  └─ '10'  →  "10"  [literal]
           └─ $inputs.flag  →  true
              └─ $inputs.flag  →  true

        """)
  }

  @Test func explainShowsShortCircuitAndMissing() throws {
    let c = try Condition.parse("$steps.x.outputs.y == 1 && $statusCode == 200")
    let trace = c.explain(in: Self.context)
    #expect(
      trace.render() == """
        $steps.x.outputs.y == 1 && $statusCode == 200  →  false  [short-circuit: the right side is not evaluated]
        ├─ $steps.x.outputs.y == 1  →  false  [missing, compared as null]
        │  ├─ $steps.x.outputs.y  →  missing (step 'x' has not run)
        │  └─ 1  →  1  [literal]
        └─ $statusCode == 200  →  not evaluated

        """)
  }

  @Test func foldingIsDocumented() {
    #expect(ConditionSemantics.fold("STRASSE") == ConditionSemantics.fold("straße"))
    #expect(ConditionSemantics.fold("ÉCOLE") == ConditionSemantics.fold("école"))
  }
}

/// The spec's examples that compare an absent member with `null` take the branch they mean.
@Suite struct MissingComparesAsNull {
  static let context = JSONContext(["response": ["body": ["items": []]]])
  static let emptyList = JSONContext(["response": ["body": []]])

  @Test(arguments: [
    ("$response.body#/redirectAuthToken == null", true),  // 1.0.0 BNPL example
    ("$response.body#/items/0 == null", true),
    ("$response.body#/items == null", false),
    ("$response.body#/redirectAuthToken != null", false),
  ])
  func specExamples(_ text: String, _ expected: Bool) throws {
    #expect(try Condition.parse(text).evaluate(in: Self.context).passed == expected)
  }

  /// The 1.1 example's "no pets available": an empty array has no `/0`.
  @Test func anEmptyListHasNoFirstItem() throws {
    #expect(try Condition.parse("$response.body#/0 == null").evaluate(in: Self.emptyList).passed)
    #expect(try !Condition.parse("$response.body#/0 != null").evaluate(in: Self.emptyList).passed)
  }

  @Test func explainNamesTheRule() throws {
    let trace = try Condition.parse("$response.body#/redirectAuthToken == null").explain(
      in: Self.context)
    #expect(
      trace.render() == """
        $response.body#/redirectAuthToken == null  →  true  [missing, compared as null]
        ├─ $response.body#/redirectAuthToken  →  missing (pointer /redirectAuthToken: no member 'redirectAuthToken' at the root)
        └─ null  →  null  [literal]

        """)
    let ordered = try Condition.parse("$response.body#/count > 1").explain(in: Self.context)
    #expect(
      ordered.render().hasPrefix(
        "$response.body#/count > 1  →  false  [missing, compared as null, which cannot be ordered]\n"
      ))
  }
}
