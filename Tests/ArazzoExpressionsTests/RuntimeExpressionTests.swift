import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoExpressions

/// Lines of a fixture file next to this test file (comments and blank lines dropped; trailing
/// spaces kept, since some fail fixtures depend on them).
func fixtureLines(_ name: String) -> [String] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures/\(name)")
  let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter {
    !$0.hasPrefix("#")
  }
}

@Suite struct RuntimeExpressionParsing {
  @Test(arguments: fixtureLines("runtime-expression.pass.txt"))
  func passes(_ text: String) throws {
    let e = try RuntimeExpression.parse(text)
    #expect(e.text == text)
  }

  @Test(arguments: fixtureLines("runtime-expression.fail.txt"))
  func fails(_ text: String) {
    #expect(throws: Diagnostic.self) { try RuntimeExpression.parse(text) }
    do {
      _ = try RuntimeExpression.parse(text)
    } catch {
      #expect(error.code == .invalidExpression)
      #expect(error.span != nil)
    }
  }

  @Test func fixturesAreNotEmpty() {
    #expect(fixtureLines("runtime-expression.pass.txt").count > 40)
    #expect(fixtureLines("runtime-expression.fail.txt").count > 40)
  }

  static let shapes: [(String, RuntimeExpression.Source)] = [
    ("$url", .url),
    ("$statusCode", .statusCode),
    ("$request.header.X-Id", .request(.header("X-Id"))),
    ("$response.body", .response(.body(nil))),
    ("$response.body#/data/id", .response(.body(JSONPointer(tokens: ["data", "id"])))),
    ("$request.body#/a~1b/~0", .request(.body(JSONPointer(tokens: ["a/b", "~"])))),
    ("$request.query.q", .request(.query("q"))),
    ("$request.path.id", .request(.path("id"))),
    ("$inputs.a.b", .inputs(name: "a.b", pointer: nil)),
    (
      "$inputs.customer#/firstName",
      .inputs(name: "customer", pointer: JSONPointer(tokens: ["firstName"]))
    ),
    ("$outputs.o", .outputs(name: "o", pointer: nil)),
    (
      "$steps.s1.outputs.a.b#/0",
      .stepOutput(stepId: "s1", name: "a.b", pointer: JSONPointer(tokens: ["0"]))
    ),
    ("$steps.s1.outputs", .stepField(stepId: "s1", field: "outputs", pointer: nil)),
    ("$steps.s1.status.code", .stepField(stepId: "s1", field: "status.code", pointer: nil)),
    ("$workflows.w.inputs.i", .workflowInput(workflowId: "w", name: "i", pointer: nil)),
    (
      "$workflows.w.outputs.o#/x",
      .workflowOutput(workflowId: "w", name: "o", pointer: JSONPointer(tokens: ["x"]))
    ),
    ("$sourceDescriptions.api.op.id", .sourceDescription(name: "api", reference: "op.id")),
    ("$components.parameters.p.q", .component(kind: .parameters, key: "p.q")),
    ("$components.inputs.pg", .component(kind: .inputs, key: "pg")),
  ]

  @Test(arguments: shapes)
  func shape(_ text: String, _ source: RuntimeExpression.Source) throws {
    #expect(try RuntimeExpression.parse(text).source == source)
  }

  static let messages: [(String, String)] = [
    ("$respons.body", "unknown expression source '$respons'; did you mean '$response'?"),
    ("$Inputs.x", "unknown expression source '$Inputs'; did you mean '$inputs'?"),
    ("$steps.x", "expected '.outputs.<name>' after '$steps.x'"),
    ("$request.hedaer.X", "unknown request source 'hedaer'; did you mean 'header'?"),
    ("$components.schemas.x", "unknown component type 'schemas'"),
    (
      "$response.body#data",
      "invalid JSON Pointer 'data': a JSON Pointer must be empty or start with '/'"
    ),
  ]

  @Test(arguments: messages)
  func message(_ text: String, _ message: String) {
    do {
      _ = try RuntimeExpression.parse(text)
      Issue.record("expected failure")
    } catch {
      #expect(error.message == message)
    }
  }

  @Test func renderedWithOrigin() {
    let file = SourceFile(path: "flow.arazzo.yaml", text: "steps:\n  - value: $respons.body#/id\n")
    let origin = SourceLocation(file: file, line: 2, column: 12)
    do {
      _ = try RuntimeExpression.parse("$respons.body#/id", origin: origin)
      Issue.record("expected failure")
    } catch {
      #expect(
        DiagnosticRenderer().render(error) == """
          error[AZ2020]: unknown expression source '$respons'; did you mean '$response'?
           --> flow.arazzo.yaml:2:12
            |
          2 |   - value: $respons.body#/id
            |            ^^^^^^^^ unknown source

          """)
    }
  }

  @Test func renderedSyntheticSpaceInName() {
    do {
      _ = try RuntimeExpression.parse("$inputs.a b")
      Issue.record("expected failure")
    } catch {
      #expect(
        DiagnosticRenderer().render(error) == """
          error[AZ2020]: unexpected ' ' in runtime expression '$inputs.a b'
           --> <expr>:1:10
            |
          1 | $inputs.a b
            |          ^ a runtime expression cannot contain spaces

          """)
    }
  }

  @Test func renderedMissingName() {
    do {
      _ = try RuntimeExpression.parse("$steps.poll.outputs.")
      Issue.record("expected failure")
    } catch {
      #expect(
        DiagnosticRenderer().render(error) == """
          error[AZ2020]: expected an output name after '$steps.poll.outputs.'
           --> <expr>:1:21
            |
          1 | $steps.poll.outputs.
            |                     ^ expected an output name

          """)
    }
  }

  @Test func renderedJSONPathHint() {
    do {
      _ = try RuntimeExpression.parse("$.data.status")
      Issue.record("expected failure")
    } catch {
      #expect(
        DiagnosticRenderer().render(error) == """
          error[AZ2020]: expected an expression source after '$' (like $inputs, $steps, $response)
           --> <expr>:1:1
            |
          1 | $.data.status
            | ^
            = hint: '$.' starts a JSONPath query, not a runtime expression; a jsonpath criterion needs 'type: jsonpath'

          """)
    }
  }

  @Test func multilineOriginFallsBackToOrigin() {
    let file = SourceFile(path: "f.yaml", text: "a: >\n  x\n")
    let origin = SourceLocation(file: file, line: 1, column: 4)
    let t = ExpressionText("ab\ncd", origin: origin)
    #expect(t.location(1) == origin.advanced(by: 1))
    #expect(t.location(4) == origin)
    let synthetic = ExpressionText("ab\ncd", origin: nil)
    #expect(synthetic.location(4).line == 2)
    #expect(synthetic.location(4).column == 2)
  }
}

@Suite struct RuntimeExpressionEvaluation {
  static let context = JSONContext([
    "url": "https://api.example.com/runs/7",
    "method": "GET",
    "inputs": [
      "token": "s3cr3t", "a.b": "dotted", "customer": ["firstName": "Ada"],
      "nested": ["x": ["y": 5]],
    ],
    "outputs": ["done": true],
    "steps": ["triggerRun": ["outputs": ["runId": 42, "list": [1, 2, 3]]]],
    "workflows": ["w": ["inputs": ["i": 1], "outputs": ["o": ["x": "y"]]]],
    "request": [
      "headers": ["Authorization": "Bearer t"], "query": ["q": "1"], "path": ["id": "7"],
      "body": ["k": "v"],
    ],
    "response": [
      "statusCode": 200, "headers": ["Content-Type": "application/json", "Set": ["a", "b"]],
      "body": ["data": ["id": 7, "status": 10]],
    ],
    "sourceDescriptions": ["api": ["url": "openapi.yaml"]],
    "components": ["parameters": ["p": ["name": "p", "in": "query"]]],
  ])

  static let cases: [(String, Resolution)] = [
    ("$url", .value("https://api.example.com/runs/7")),
    ("$method", .value("GET")),
    ("$statusCode", .value(200)),
    ("$request.header.authorization", .value("Bearer t")),
    ("$response.header.content-type", .value("application/json")),
    ("$response.header.Set", .value("a, b")),
    ("$response.header.X-None", .missing("the response has no header 'X-None'")),
    ("$request.query.q", .value("1")),
    ("$request.path.id", .value("7")),
    ("$response.query.q", .missing("a response has no query parameters")),
    ("$request.body", .value(["k": "v"])),
    ("$response.body#/data/status", .value(10)),
    ("$response.body#/data/x", .missing("pointer /data/x: no member 'x' at '/data'")),
    ("$inputs.token", .value("s3cr3t")),
    ("$inputs.a.b", .value("dotted")),
    ("$inputs.nested.x.y", .value(5)),
    ("$inputs.customer#/firstName", .value("Ada")),
    ("$inputs.tokn", .missing("no input 'tokn'; did you mean 'token'?")),
    ("$outputs.done", .value(true)),
    ("$steps.triggerRun.outputs.runId", .value(42)),
    ("$steps.triggerRun.outputs.list#/1", .value(2)),
    ("$steps.listArtifacts.outputs.artifacts", .missing("step 'listArtifacts' has not run")),
    ("$workflows.w.inputs.i", .value(1)),
    ("$workflows.w.outputs.o#/x", .value("y")),
    ("$workflows.v.outputs.o", .missing("workflow 'v' has not run")),
    ("$sourceDescriptions.api.url", .value("openapi.yaml")),
    ("$components.parameters.p", .value(["name": "p", "in": "query"])),
  ]

  @Test(arguments: cases)
  func evaluates(_ text: String, _ expected: Resolution) throws {
    #expect(try RuntimeExpression.parse(text).evaluate(in: Self.context) == expected)
  }

  @Test func emptyContextSaysWhy() throws {
    let c = JSONContext([:])
    #expect(
      try RuntimeExpression.parse("$statusCode").evaluate(in: c).missingReason?.contains(
        "no response yet") == true)
    #expect(
      try RuntimeExpression.parse("$response.body").evaluate(in: c) == .missing("no response yet"))
  }
}
