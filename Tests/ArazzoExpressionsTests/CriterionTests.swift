import ArazzoJSON
import Testing

@testable import ArazzoExpressions

func compile(_ c: Criterion, strict: Bool = false) -> (CompiledCriterion, [Diagnostic]) {
  var d: [Diagnostic] = []
  let compiled = CompiledCriterion.compile(
    c, options: CriterionOptions(strict: strict), diagnostics: &d)
  return (compiled, d)
}

func dbtContext(status: Int) -> JSONContext {
  JSONContext([
    "statusCode": 200,
    "response": [
      "statusCode": 200,
      "body": [
        "data": ["id": 7, "status": .integer(status), "is_complete": .bool(status >= 10)],
        "status": ["code": 200, "is_success": true],
      ],
    ],
  ])
}

@Suite struct SimpleCriteria {
  @Test func statusCode() {
    let (c, d) = compile(Criterion(condition: "$statusCode == 200"))
    #expect(d.isEmpty)
    #expect(c.evaluate(in: dbtContext(status: 1)).passed)
    #expect(!c.evaluate(in: JSONContext([:])).passed)
    #expect(
      c.evaluate(in: JSONContext([:])).reason
        == "$statusCode: no response yet (the context has no 'statusCode')")
  }

  @Test func invalidConditionIsAnErrorAndFails() {
    let (c, d) = compile(Criterion(condition: "$statusCode = 200"))
    #expect(d.count == 1 && d[0].code == .invalidCondition)
    let r = c.evaluate(in: dbtContext(status: 1))
    #expect(!r.passed && r.error?.contains("'=' is not an operator") == true)
  }

  @Test func contextOnSimpleWarns() {
    let (_, d) = compile(
      Criterion(context: "$response.body", condition: "$statusCode == 200", type: .simple))
    #expect(d.map(\.code) == [.criterionContext] && d[0].severity == .warning)
  }

  @Test func explainCarriesTrace() {
    let (c, _) = compile(Criterion(condition: "$statusCode == 200"))
    #expect(
      c.explain(in: dbtContext(status: 1)).trace?.render().hasPrefix("$statusCode == 200  →  true")
        == true)
  }
}

@Suite struct RegexCriteria {
  static let cases: [(String, JSONValue, Bool)] = [
    ("^200$", 200, true),
    ("^20", 201, true),
    ("^2\\d{2}$", 404, false),
    ("ok", "it is OK", false),
    ("(?i)ok", "it is OK", true),
    ("^true$", true, true),
    ("^2.5$", 2.5, true),
    ("\"a\":1", ["a": 1], true),
    ("null", nil, false),
  ]

  @Test(arguments: cases)
  func matches(_ pattern: String, _ value: JSONValue, _ expected: Bool) {
    let (c, d) = compile(Criterion(context: "$inputs.v", condition: pattern, type: .regex))
    #expect(d.isEmpty)
    #expect(c.evaluate(in: JSONContext(["inputs": ["v": value]])).passed == expected)
  }

  @Test func substitutesBracedExpressionsOnly() {
    let (c, d) = compile(
      Criterion(context: "$inputs.v", condition: "^{$inputs.prefix}-\\d{2}$", type: .regex))
    #expect(d.isEmpty)
    #expect(c.evaluate(in: JSONContext(["inputs": ["v": "run-42", "prefix": "run"]])).passed)
    #expect(!c.evaluate(in: JSONContext(["inputs": ["v": "job-42", "prefix": "run"]])).passed)
  }

  @Test func invalidRegex() {
    let (c, d) = compile(Criterion(context: "$inputs.v", condition: "([a-", type: .regex))
    #expect(d.map(\.code) == [.invalidRegex])
    #expect(c.evaluate(in: JSONContext(["inputs": ["v": "x"]])).error != nil)
  }

  @Test func missingContextFails() {
    let (c, _) = compile(Criterion(context: "$inputs.v", condition: ".*", type: .regex))
    let r = c.evaluate(in: JSONContext(["inputs": [:]]))
    #expect(!r.passed && r.missing == ["$inputs.v: no input 'v'"])
  }

  @Test func regexNeedsContext() {
    let (_, d) = compile(Criterion(condition: ".*", type: .regex))
    #expect(d.map(\.code) == [.criterionContext] && d[0].severity == .error)
  }
}

@Suite struct JSONPathCriteria {
  static let seed = [
    "$.data.status == 10",
    "$.data.status == 20 || $.data.status == 30",
    "$.data.status < 10",
  ]

  static let statuses: [(Int, [Bool])] = [
    (1, [false, false, true]),
    (10, [true, false, false]),
    (20, [false, true, false]),
    (30, [false, true, false]),
  ]

  @Test(arguments: statuses)
  func seedConditionsReadAsLogicalExpressions(_ status: Int, _ expected: [Bool]) {
    for (condition, want) in zip(Self.seed, expected) {
      let (c, d) = compile(
        Criterion(context: "$response.body", condition: condition, type: .jsonpath))
      #expect(d.count == 1 && d[0].code == .jsonPathLogicalExpression && d[0].severity == .warning)
      #expect(
        c.evaluate(in: dbtContext(status: status)).passed == want,
        "\(condition) at status \(status)")
    }
  }

  @Test(arguments: statuses)
  func suggestedQueryIsEquivalent(_ status: Int, _ expected: [Bool]) throws {
    for (condition, want) in zip(Self.seed, expected) {
      let (_, d) = compile(
        Criterion(context: "$response.body", condition: condition, type: .jsonpath))
      let suggestion = try #require(d.first?.fixIt?.replacement)
      #expect(suggestion == "$[?\(condition)]")
      let (c, d2) = compile(
        Criterion(context: "$response.body", condition: suggestion, type: .jsonpath))
      #expect(d2.isEmpty)
      #expect(
        c.evaluate(in: dbtContext(status: status)).passed == want,
        "\(suggestion) at status \(status)")
    }
  }

  @Test func strictMakesItAnErrorAndFails() {
    let (c, d) = compile(
      Criterion(context: "$response.body", condition: Self.seed[0], type: .jsonpath), strict: true)
    #expect(d.count == 1 && d[0].code == .jsonPathLogicalExpression && d[0].severity == .error)
    let r = c.evaluate(in: dbtContext(status: 10))
    #expect(!r.passed && r.error != nil)
  }

  @Test func warningRendering() {
    let file = SourceFile(
      path: "seed.yaml", text: "                condition: $.data.status == 10\n")
    let (_, d) = compile(
      Criterion(
        context: "$response.body", condition: "$.data.status == 10", type: .jsonpath,
        conditionOrigin: SourceLocation(file: file, line: 1, column: 28)))
    #expect(
      DiagnosticRenderer().render(d[0]) == """
        warning[AZ2025]: jsonpath condition '$.data.status == 10' is not an RFC 9535 query; it is read as a logical expression with $ = $response.body, true when it holds
         --> seed.yaml:1:28
          |
        1 |                 condition: $.data.status == 10
          |                            ^^^^^^^^^^^^^^^^^^^ a comparison, not a query
          = note: read as an RFC 9535 query it is invalid (unexpected character ' ' after '$.data.status'), so a strict reader never passes it
          = hint: write '$[?$.data.status == 10]': the RFC 9535 query that selects nodes exactly when this holds (for an object or array context)
          = fix-it: replace `$.data.status == 10` with `$[?$.data.status == 10]`

        """)
  }

  static let queries: [(String, Int, Bool)] = [
    ("$.data[?@ == 10]", 10, true),
    ("$.data.id", 1, true),
    ("$.data.nope", 1, false),
    ("$[?@.status == 10]", 10, true),
    ("$[?@.status == 10]", 20, false),
  ]

  @Test(arguments: queries)
  func rfc9535Queries(_ query: String, _ status: Int, _ expected: Bool) {
    let (c, d) = compile(Criterion(context: "$response.body", condition: query, type: .jsonpath))
    #expect(d.isEmpty)
    #expect(c.evaluate(in: dbtContext(status: status)).passed == expected)
  }

  @Test func neitherQueryNorLogicalExpression() {
    let (c, d) = compile(
      Criterion(context: "$response.body", condition: "$.data[", type: .jsonpath))
    #expect(d.map(\.code) == [.invalidJSONPath] && d[0].severity == .error)
    #expect(!c.evaluate(in: dbtContext(status: 10)).passed)
  }

  @Test func missingContextFails() {
    let (c, _) = compile(Criterion(context: "$response.body", condition: "$.data", type: .jsonpath))
    #expect(!c.evaluate(in: JSONContext([:])).passed)
  }
}

@Suite struct XPathCriteria {
  static let xml =
    "<run><status>10</status><artifact>manifest.json</artifact><artifact>catalog.json</artifact></run>"

  static let cases: [(String, Bool)] = [
    ("/run/status", true),
    ("/run/missing", false),
    ("/run/status = 10", true),
    ("/run/status = 20", false),
    ("count(//artifact) = 2", true),
    ("count(//artifact)", true),
    ("count(//nothing)", false),
    ("string(/run/status)", true),
    ("string(/run/nothing)", false),
    ("//artifact[. = 'catalog.json']", true),
  ]

  @Test(arguments: cases)
  func effectiveBooleanValue(_ xpath: String, _ expected: Bool) {
    let (c, d) = compile(
      Criterion(context: "$response.body", condition: xpath, type: .xpath, version: "xpath-10"))
    #expect(d.isEmpty)
    let r = c.evaluate(in: JSONContext(["response": ["body": .string(Self.xml)]]))
    #expect(r.passed == expected, "\(r)")
  }

  @Test func defaultVersionWarns() {
    let (c, d) = compile(
      Criterion(context: "$response.body", condition: "/run/status", type: .xpath))
    #expect(d.map(\.code) == [.unsupportedXPath] && d[0].severity == .warning)
    #expect(
      d[0].message == "XPath 3.1 (the default for 'xpath') is evaluated with XPath 1.0 (libxml2)")
    #expect(c.evaluate(in: JSONContext(["response": ["body": .string(Self.xml)]])).passed)
    let (_, d2) = compile(
      Criterion(context: "$response.body", condition: "/run", type: .xpath, version: "xpath-20"))
    #expect(d2.first?.message == "XPath 2.0 is evaluated with XPath 1.0 (libxml2)")
    let (_, d3) = compile(
      Criterion(context: "$response.body", condition: "/run", type: .xpath, version: "xpath-99"))
    #expect(d3.first?.severity == .error)
  }

  @Test func invalidXPathIsADiagnosticNotACrash() {
    let (c, d) = compile(
      Criterion(context: "$response.body", condition: "//b[", type: .xpath, version: "xpath-10"))
    #expect(d.map(\.code) == [.invalidXPath])
    #expect(!c.evaluate(in: JSONContext(["response": ["body": .string(Self.xml)]])).passed)
  }

  @Test func nonXMLContextFails() {
    let (c, _) = compile(
      Criterion(context: "$response.body", condition: "/a", type: .xpath, version: "xpath-10"))
    let r = c.evaluate(in: JSONContext(["response": ["body": "<a"]]))
    #expect(!r.passed && r.error != nil)
    let r2 = c.evaluate(in: JSONContext(["response": ["body": ["a": 1]]]))
    #expect(r2.error == "the context $response.body is object, not XML text")
  }
}
