import ArazzoExpressions
import ArazzoJSON
import ArazzoSyntax
import Foundation

// In-process throughput of the language core. Run through `bench/run` (release build).
// Each line: what, how many per second (or per call), from the best of a few timed rounds.

/// Runs `body` `iterations` times per round, 5 rounds, and returns the best time per iteration.
func measure(_ iterations: Int, _ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<iterations { body() }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    best = min(best, elapsed / Double(iterations))
  }
  return best
}

func report(_ what: String, _ seconds: Double) {
  let perSecond = 1 / seconds
  let rate =
    perSecond >= 1e6
    ? String(format: "%.2f M/s", perSecond / 1e6) : String(format: "%.0f /s", perSecond)
  let each =
    seconds < 1e-3
    ? String(format: "%.2f µs", seconds * 1e6) : String(format: "%.2f ms", seconds * 1e3)
  print(
    "\(what.padding(toLength: 46, withPad: " ", startingAt: 0)) \(rate.padding(toLength: 12, withPad: " ", startingAt: 0)) (\(each) each)"
  )
}

let expressions = [
  "$response.body#/data/status", "$steps.triggerRun.outputs.runId", "$inputs.token", "$statusCode",
  "$request.header.Authorization", "$workflows.poll.outputs.items#/0/id",
]
let conditions = [
  "$statusCode == 200", "$response.body#/data/status == 20 || $response.body#/data/status == 30",
  "$response.body#/data/is_complete && !($response.body#/data/is_error)",
  "$response.body#/data/status_humanized == 'Success'",
]

var sink = 0
report(
  "parse runtime expression",
  measure(20_000) {
    for e in expressions { if (try? RuntimeExpression.parse(e)) != nil { sink &+= 1 } }
  } / Double(expressions.count))
report(
  "parse simple condition",
  measure(10_000) {
    for c in conditions { if (try? Condition.parse(c)) != nil { sink &+= 1 } }
  } / Double(conditions.count))

let context = JSONContext([
  "inputs": ["token": "T0K", "accountId": 1],
  "steps": ["triggerRun": ["outputs": ["runId": 42]]],
  "response": [
    "statusCode": 200, "headers": ["Content-Type": "application/json"],
    "body": [
      "data": [
        "id": 42, "status": 10, "status_humanized": "Success", "is_complete": true,
        "is_error": false,
      ]
    ],
  ],
])
let parsedExpressions = expressions.compactMap { try? RuntimeExpression.parse($0) }
let parsedConditions = conditions.compactMap { try? Condition.parse($0) }
report(
  "evaluate runtime expression",
  measure(50_000) {
    for e in parsedExpressions { if case .value = e.evaluate(in: context) { sink &+= 1 } }
  } / Double(parsedExpressions.count))
report(
  "evaluate simple condition",
  measure(20_000) {
    for c in parsedConditions { if c.evaluate(in: context).passed { sink &+= 1 } }
  } / Double(parsedConditions.count))

var diagnostics: [Diagnostic] = []
let seedCriterion = CompiledCriterion.compile(
  Criterion(
    context: "$response.body", condition: "$.data.status == 20 || $.data.status == 30",
    type: .jsonpath),
  diagnostics: &diagnostics)
report(
  "evaluate seed jsonpath criterion",
  measure(20_000) {
    if !seedCriterion.evaluate(in: context).passed { sink &+= 1 }
  })
// Regular expressions: a regex criterion, an RFC 9535 match() in a filter, a JSON Schema pattern
// (the per-match cost of the bounded engine; short subjects, as in responses and inputs).
let regexCriterion = CompiledCriterion.compile(
  Criterion(
    context: "$response.body#/data/status_humanized", condition: "^(Success|Error)$", type: .regex),
  diagnostics: &diagnostics)
report(
  "evaluate regex criterion",
  measure(20_000) {
    if regexCriterion.evaluate(in: context).passed { sink &+= 1 }
  })
let matchCriterion = CompiledCriterion.compile(
  Criterion(
    context: "$response.body", condition: "$[?match(@.status_humanized, 'Succ[a-z]+')]",
    type: .jsonpath),
  diagnostics: &diagnostics)
report(
  "evaluate jsonpath match() criterion",
  measure(20_000) {
    if matchCriterion.evaluate(in: context).passed { sink &+= 1 }
  })
if let schema = try? JSONSchema(["type": "string", "pattern": "^[a-z]+-[0-9]{2,}(-rc[0-9]+)?$"]) {
  let instance: JSONValue = "artifact-12345"
  report(
    "JSON Schema pattern (isValid)",
    measure(50_000) {
      if schema.isValid(instance) { sink &+= 1 }
    })
}
let template = ValueTemplate.compile(string: "Bearer {$inputs.token}", diagnostics: &diagnostics)
report(
  "evaluate {$…} template",
  measure(50_000) {
    if case .value = template.evaluate(in: context) { sink &+= 1 }
  })

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let seed = root.appendingPathComponent(
  "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml"
).path
report(
  "load + validate seed (in process)",
  measure(50) {
    if Validator().validate(path: seed).isValid { sink &+= 1 }
  })
let large = root.appendingPathComponent("bench/out/large.openapi.yaml").path
if FileManager.default.fileExists(atPath: large) {
  report(
    "load 5 MB OpenAPI description",
    measure(1) {
      if case .success = DocumentLoader.load(path: large) { sink &+= 1 }
    })
  if case .success(let document) = DocumentLoader.load(path: large) {
    report(
      "index 5 MB OpenAPI description",
      measure(3) {
        if OpenAPIIndex.build(document).index != nil { sink &+= 1 }
      })
    report(
      "index it and build one operation",
      measure(3) {
        if OpenAPIIndex.build(document).index?.operation(id: "listChildren3883") != nil {
          sink &+= 1
        }
      })
  }
}
if sink == 42 { print("") }
