import ArazzoJSON
import Testing

@testable import ArazzoExpressions

@Suite struct Templates {
  static let context = JSONContext([
    "inputs": [
      "token": "s3cr3t", "n": 3, "f": 2.5, "whole": 100.0, "ok": true, "obj": ["a": [1, 2]],
      "nil": nil,
    ]
  ])

  static func compile(_ s: String, strict: Bool = false) -> (ValueTemplate, [Diagnostic]) {
    var d: [Diagnostic] = []
    let t = ValueTemplate.compile(string: s, options: .init(strict: strict), diagnostics: &d)
    return (t, d)
  }

  static let classified: [(String, String)] = [
    ("$inputs.token", "expression"),
    ("{$inputs.token}", "template"),
    ("Bearer {$inputs.token}", "template"),
    ("plain", "literal"),
    ("$100", "literal"),
    ("costs $5", "literal"),
    ("\\d{2}", "literal"),
    ("{\"a\": 1}", "literal"),
    ("US$inputs.token", "literal"),
    ("Bearer $inputs.token", "template"),
  ]

  @Test(arguments: classified)
  func classifies(_ s: String, _ kind: String) {
    let (t, _) = Self.compile(s)
    switch t {
    case .expression: #expect(kind == "expression")
    case .template: #expect(kind == "template")
    case .literal: #expect(kind == "literal")
    default: Issue.record("unexpected \(t)")
    }
  }

  static let evaluated: [(String, JSONValue)] = [
    ("$inputs.n", 3),
    ("$inputs.obj", ["a": [1, 2]]),
    ("n={$inputs.n}", "n=3"),
    ("f={$inputs.f}", "f=2.5"),
    ("w={$inputs.whole}", "w=100"),
    ("ok={$inputs.ok} nil={$inputs.nil}", "ok=true nil=null"),
    ("o={$inputs.obj}", "o={\"a\":[1,2]}"),
    ("{$inputs.n}", "3"),
    ("a{b}c{$inputs.n}{", "a{b}c3{"),
    ("Bearer $inputs.token", "Bearer s3cr3t"),
    ("$inputs.token and $inputs.n", "s3cr3t and 3"),
  ]

  @Test(arguments: evaluated)
  func evaluates(_ s: String, _ expected: JSONValue) {
    #expect(Self.compile(s).0.evaluate(in: Self.context) == .value(expected))
  }

  @Test func missingNamesTheExpression() {
    #expect(
      Self.compile("x {$inputs.nope}").0.evaluate(in: Self.context)
        == .missing("$inputs.nope: no input 'nope'"))
  }

  @Test func unbracedQuirkHasFixIt() {
    let file = SourceFile(path: "seed.yaml", text: "            value: Bearer $inputs.token\n")
    let origin = SourceLocation(file: file, line: 1, column: 20)
    var d: [Diagnostic] = []
    let t = ValueTemplate.compile(string: "Bearer $inputs.token", origin: origin, diagnostics: &d)
    #expect(t.evaluate(in: Self.context) == .value("Bearer s3cr3t"))
    #expect(d.count == 1)
    let w = d[0]
    #expect(w.code == .unbracedExpression)
    #expect(w.severity == .warning)
    #expect(
      w.fixIt
        == FixIt(
          span: SourceSpan(start: origin.advanced(by: 7), length: 13),
          replacement: "{$inputs.token}"))
    #expect(w.hint == "write 'Bearer {$inputs.token}'")
    #expect(
      DiagnosticRenderer().render(w) == """
        warning[AZ2026]: runtime expression '$inputs.token' is not inside {…}; it is interpolated as if braced
         --> seed.yaml:1:27
          |
        1 |             value: Bearer $inputs.token
          |                           ^^^^^^^^^^^^^ write {$inputs.token}
          = hint: write 'Bearer {$inputs.token}'
          = fix-it: replace `$inputs.token` with `{$inputs.token}`

        """)
  }

  @Test func strictKeepsLiteral() {
    let (t, d) = Self.compile("Bearer $inputs.token", strict: true)
    #expect(t == .literal("Bearer $inputs.token"))
    #expect(d.count == 1 && d[0].severity == .error && d[0].code == .unbracedExpression)
  }

  @Test func unknownBareRootIsLiteralWithoutDiagnostic() {
    let (t, d) = Self.compile("Bearer $token")
    #expect(t == .literal("Bearer $token"))
    #expect(d.isEmpty)
  }

  @Test func brokenBracedExpressionIsAnError() {
    let (_, d) = Self.compile("x {$inputs.} y")
    #expect(d.count == 1 && d[0].severity == .error && d[0].code == .invalidExpression)
    let (_, d2) = Self.compile("x {$inputs.a")
    #expect(d2.count == 1 && d2[0].message.contains("closing '}'"))
  }

  @Test func typoWholeStringWarns() {
    let (t, d) = Self.compile("$respons.body")
    #expect(t == .literal("$respons.body"))
    #expect(d.count == 1 && d[0].severity == .warning)
    #expect(d[0].message.contains("did you mean '$response'"))
  }

  @Test func payloadWalk() {
    var d: [Diagnostic] = []
    let payload: JSONValue = [
      "cause": "$inputs.token", "$inputs.n": "key stays", "list": [1, "{$inputs.n}"], "k": "v",
    ]
    let t = ValueTemplate.compile(payload, diagnostics: &d)
    #expect(d.isEmpty)
    #expect(t.expressions.map(\.text) == ["$inputs.token", "$inputs.n"])
    #expect(
      t.evaluate(in: Self.context)
        == .value(["cause": "s3cr3t", "$inputs.n": "key stays", "list": [1, "3"], "k": "v"]))
    #expect(ValueTemplate.compile(["a": [1, "b"]], diagnostics: &d) == .literal(["a": [1, "b"]]))
  }

  @Test func payloadLocations() {
    let file = SourceFile(path: "p.yaml", text: "cause: Bearer $inputs.token\n")
    var d: [Diagnostic] = []
    _ = ValueTemplate.compile(
      ["cause": "Bearer $inputs.token"],
      locate: { p in p.tokens == ["cause"] ? SourceLocation(file: file, line: 1, column: 8) : nil },
      diagnostics: &d)
    #expect(d.first?.span?.start.column == 15)
  }

  @Test func embeddingNumbers() {
    #expect(Embedding.text(for: .number(100.0)) == "100")
    #expect(Embedding.text(for: .number(0.1)) == "0.1")
    #expect(Embedding.text(for: .number(1e21)) == "1e+21")
    #expect(Embedding.text(for: .integer(-7)) == "-7")
  }
}
