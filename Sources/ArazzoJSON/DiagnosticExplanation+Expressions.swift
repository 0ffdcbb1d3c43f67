/// The long forms of the expression and criteria codes (AZ2020–AZ2029, AZ2034–AZ2039, AZ2041)
/// and of lowering (AZ3xxx). See `DiagnosticExplanation`.
extension DiagnosticCode {
  private static func section(_ title: String, _ anchor: String) -> String {
    DiagnosticExplanation.section(title, anchor)
  }

  /// A step listing pets, then `rest` (its further fields, indented as step fields).
  private static func listStep(_ rest: String) -> String {
    "- stepId: list\n  operationId: listPets\n" + rest
  }

  static let expressionExplanations: [DiagnosticCode: DiagnosticExplanation] = [
    .invalidExpression: .init(
      reason:
        "Runtime expressions have a grammar (an ABNF in the spec); text that breaks it has no value, and a lenient reader would guess one. A body is walked with a JSON Pointer after #, not with dots.",
      wrong: listStep("  outputs:\n    first: $response.body.0.name"),
      right: listStep("  outputs:\n    first: $response.body#/0/name"), place: .steps,
      spec: section("Runtime Expressions", "runtime-expressions")),
    .invalidCondition: .init(
      reason:
        "A simple condition is parsed, never run as code; operators are ==, !=, <, <=, >, >=, &&, ||, ! and parentheses.",
      wrong: listStep("  successCriteria:\n    - condition: $statusCode === 200"),
      right: listStep("  successCriteria:\n    - condition: $statusCode == 200"), place: .steps,
      spec: section("Criterion Object", "criterion-object")),
    .unknownStepReference: .init(
      reason:
        "$steps.ID reads a step of the same workflow; an id that names none has no value when the run gets there.",
      wrong:
        listStep("  outputs:\n    count: $response.body#/length\n")
        + "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $steps.lst.outputs.count}",
      right:
        listStep("  outputs:\n    count: $response.body#/length\n")
        + "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $steps.list.outputs.count}",
      place: .steps, spec: section("Runtime Expressions", "runtime-expressions")),
    .unknownOutput: .init(
      reason: "Only declared outputs are kept after a step; reading another name is always null.",
      wrong:
        listStep("  outputs:\n    count: $response.body#/length\n")
        + "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $steps.list.outputs.total}",
      right:
        listStep("  outputs:\n    count: $response.body#/length\n")
        + "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $steps.list.outputs.count}",
      place: .steps, spec: section("Step Object", "step-object")),
    .unknownInput: .init(
      reason:
        "$inputs.NAME should name a property of the workflow's inputs schema; another name is probably a typo and has no value unless given anyway.",
      wrong:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $inputs.petID}",
      right:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $inputs.petId}",
      place: .steps, spec: section("Workflow Object", "workflow-object")),
    .jsonPathLogicalExpression: .init(
      reason:
        "A jsonpath condition is an RFC 9535 query, which holds when it selects something. A comparison such as `$.status == 10` is not a query: strict readers never pass it. It is read here as the filter it resembles, with a warning and the query that means the same: `$[?$.status == 10]` (inside a filter `$` is the whole context, while `@` would be each of its members).",
      wrong:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: $.status == 10\n      type: jsonpath"
        ),
      right:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: $[?$.status == 10]\n      type: jsonpath"
        ),
      place: .steps, spec: section("Criterion Object", "criterion-object") + " (and RFC 9535)"),
    .unbracedExpression: .init(
      reason:
        "Inside text, the spec only replaces expressions written in {…}; other tools send `Bearer $inputs.token` as is. It is replaced here for convenience, with this warning (and sent as written under --strict).",
      wrong:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: 1}\n    - {name: Authorization, in: header, value: Bearer $inputs.token}",
      right:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: 1}\n    - {name: Authorization, in: header, value: 'Bearer {$inputs.token}'}",
      place: .steps, spec: section("Runtime Expressions", "runtime-expressions") + " (embedding)"),
    .invalidJSONPath: .init(
      reason:
        "A jsonpath condition that is neither a query nor a logical expression can never hold.",
      wrong:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: $..[?\n      type: jsonpath"
        ),
      right:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: $[?@.id]\n      type: jsonpath"
        ),
      place: .steps,
      spec: "RFC 9535 (JSONPath), section 2: https://www.rfc-editor.org/rfc/rfc9535#section-2"),
    .invalidRegex: .init(
      reason: "A regex that does not compile can never match, so the criterion could never hold.",
      wrong: listStep(
        "  successCriteria:\n    - context: $statusCode\n      condition: '^(20[01]'\n      type: regex"
      ),
      right: listStep(
        "  successCriteria:\n    - context: $statusCode\n      condition: '^20[01]$'\n      type: regex"
      ),
      place: .steps, spec: section("Criterion Object", "criterion-object")),
    .unsupportedXPath: .init(
      reason:
        "A bare `type: xpath` means XPath 3.1 by the spec, but the engine here is XPath 1.0; most everyday expressions mean the same, 2.0+ functions do not compile. Saying xpath-10 removes the doubt.",
      wrong: listStep(
        "  successCriteria:\n    - context: $response.body\n      condition: /pet/name\n      type: xpath"
      ),
      right:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: /pet/name\n      type: {type: xpath, version: xpath-10}"
        ),
      place: .steps,
      spec: section("Criterion Expression Type Object", "criterion-expression-type-object")),
    .forwardReference: .init(
      reason:
        "In a workflow run top to bottom, a step that reads a later step's outputs reads null (unless a goto ran the later step first).",
      wrong:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $steps.list.outputs.first}\n"
        + listStep("  outputs:\n    first: $response.body#/0/id"),
      right:
        listStep("  outputs:\n    first: $response.body#/0/id\n")
        + "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: $steps.list.outputs.first}",
      place: .steps, spec: section("Step Object", "step-object")),
    .criterionContext: .init(
      reason:
        "regex, jsonpath and xpath criteria test a value named by `context`; a simple condition names its own operands and ignores one.",
      wrong: listStep("  successCriteria:\n    - condition: '^200$'\n      type: regex"),
      right: listStep(
        "  successCriteria:\n    - context: $statusCode\n      condition: '^200$'\n      type: regex"
      ),
      place: .steps, spec: section("Criterion Object", "criterion-object")),
    .invalidXPath: .init(
      reason: "An XPath expression that does not compile can never hold.",
      wrong:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: //pet[\n      type: {type: xpath, version: xpath-10}"
        ),
      right:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: //pet[name]\n      type: {type: xpath, version: xpath-10}"
        ),
      place: .steps,
      spec: section("Criterion Expression Type Object", "criterion-expression-type-object")),
    .doubleQuotedString: .init(
      reason:
        "The spec's conditions have only 'single-quoted' strings; \"double\" quotes are read as a string here, but other tools may not.",
      wrong: listStep(
        "  successCriteria:\n    - condition: $response.body#/0/status == \"available\""),
      right: listStep(
        "  successCriteria:\n    - condition: $response.body#/0/status == 'available'"),
      place: .steps, spec: section("Criterion Object", "criterion-object")),
    .literalOutput: .init(
      reason:
        "Outputs are runtime expressions; a literal is kept as that constant, which is rarely what was meant (a typo in `$…`?).",
      wrong: listStep("  outputs:\n    state: done"),
      right: listStep("  outputs:\n    state: $response.body#/0/status"), place: .steps,
      spec: section("Step Object", "step-object")),
    .asyncStep: .init(
      reason:
        "Arazzo 1.1 steps may talk to AsyncAPI channels; this tool checks them but sends no messages, so a run that reaches one fails there.",
      wrong:
        "arazzo: 1.1.0\n# …\n- stepId: announce\n  channelPath: $sourceDescriptions.events.url#/channels/adoptions\n  action: send",
      right:
        "# an HTTP step in its place, or run the AsyncAPI part with another tool\n- stepId: announce\n  operationId: announceAdoption",
      place: .run,
      spec: "Arazzo 1.1.0, Step Object: https://spec.openapis.org/arazzo/v1.1.0#step-object"),
    .unsupportedJSONPath: .init(
      reason:
        "Only RFC 9535 is implemented; Goessner-style queries mostly agree with it, filters and functions may not.",
      wrong:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: $[?(@.name)]\n      type: {type: jsonpath, version: draft-goessner-dispatch-jsonpath-00}"
        ),
      right:
        listStep(
          "  successCriteria:\n    - context: $response.body\n      condition: $[?@.name]\n      type: jsonpath"
        ),
      place: .steps,
      spec: section("Criterion Expression Type Object", "criterion-expression-type-object")),
    .unresolvedTarget: .init(
      reason:
        "Lowering turns each step into instructions; a step whose operation is in a source that did not load cannot be, so it fails when run.",
      wrong:
        "sourceDescriptions:\n  - {name: petstore, url: https://example.com/petstore.yaml, type: openapi}",
      right: "arazzo run pets.arazzo.yaml --source petstore=./petstore.openapi.yaml",
      place: .run, spec: DiagnosticExplanation.tool("lowering (docs/architecture.md)")),
    .invalidIR: .init(
      reason:
        "A check of this tool's own compiler: lowered code broke an invariant. It is a bug; please report it with the document.",
      wrong: "(any document that triggers it: a bug in arazzo)",
      right: "(report it; arazzo validate still checks the document)", place: .run,
      spec: DiagnosticExplanation.tool("the IR verifier (docs/architecture.md)")),
  ]
}
