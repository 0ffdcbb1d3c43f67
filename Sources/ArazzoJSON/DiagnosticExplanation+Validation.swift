/// The long forms of the structural validation codes (AZ2001–AZ2019, AZ2030–AZ2033, AZ2040).
/// See `DiagnosticExplanation`.
extension DiagnosticCode {
  private static func section(_ title: String, _ anchor: String) -> String {
    DiagnosticExplanation.section(title, anchor)
  }

  static let validationExplanations: [DiagnosticCode: DiagnosticExplanation] = [
    .schemaViolation: .init(
      reason:
        "The official JSON Schema is the shared contract between Arazzo tools: a document that breaks it may mean something else (or nothing) elsewhere.",
      wrong: "- stepId: list\n  operationId: listPets\n  successCriteria: []",
      right:
        "- stepId: list\n  operationId: listPets\n  successCriteria:\n    - condition: $statusCode == 200",
      place: .steps, spec: section("Schema", "schema")),
    .duplicateWorkflowId: .init(
      reason:
        "workflowId is how steps, dependsOn and $workflows name a workflow; two equal ids make every reference ambiguous.",
      wrong:
        "- workflowId: adopt\n  steps: [{stepId: a, operationId: listPets}]\n- workflowId: adopt\n  steps: [{stepId: b, operationId: listPets}]",
      right:
        "- workflowId: adopt\n  steps: [{stepId: a, operationId: listPets}]\n- workflowId: browse\n  steps: [{stepId: b, operationId: listPets}]",
      place: .workflows, spec: section("Workflow Object", "workflow-object")),
    .duplicateStepId: .init(
      reason:
        "A stepId is what goto, $steps and breakpoints point at; it must be unique within its workflow.",
      wrong: "- stepId: list\n  operationId: listPets\n- stepId: list\n  operationId: listPets",
      right:
        "- stepId: list\n  operationId: listPets\n- stepId: listAgain\n  operationId: listPets",
      place: .steps, spec: section("Step Object", "step-object")),
    .unknownOperation: .init(
      reason:
        "A step runs an operation of a source description; a name that matches none would fail only when the step runs.",
      wrong: "- stepId: list\n  operationId: listPet",
      right: "- stepId: list\n  operationId: listPets",
      place: .steps, spec: section("Step Object", "step-object")),
    .stepTarget: .init(
      reason:
        "A step does exactly one thing: call an operation (by operationId or operationPath) or run a workflow.",
      wrong: "- stepId: list\n  operationId: listPets\n  workflowId: adopt",
      right: "- stepId: list\n  operationId: listPets", place: .steps,
      spec: section("Step Object", "step-object")),
    .unknownStep: .init(
      reason:
        "goto and retry jump to a step by id; a typo would only show when the action is taken, mid-run.",
      wrong:
        "- stepId: list\n  operationId: listPets\n  onSuccess:\n    - {name: again, type: goto, stepId: lst}",
      right:
        "- stepId: list\n  operationId: listPets\n  onSuccess:\n    - {name: again, type: goto, stepId: list}",
      place: .steps, spec: section("Success Action Object", "success-action-object")),
    .unknownWorkflow: .init(
      reason:
        "A workflowId step, a goto to a workflow or a dependsOn entry must name a workflow that exists.",
      wrong: "- stepId: sub\n  workflowId: adoptt", right: "- stepId: sub\n  workflowId: browse",
      place: .steps, spec: section("Step Object", "step-object")),
    .parameterLocation: .init(
      reason:
        "An operation's parameter is sent somewhere (path, query, header, cookie); without `in` the request cannot be built. A workflowId step's parameters are inputs and take no `in`.",
      wrong:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - name: petId\n      value: 1",
      right:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - name: petId\n      in: path\n      value: 1",
      place: .steps, spec: section("Parameter Object", "parameter-object")),
    .unknownComponent: .init(
      reason:
        "A Reusable Object stands for a component; a reference to none would leave a hole in the step.",
      wrong:
        "- stepId: list\n  operationId: listPets\n  parameters:\n    - reference: $components.parameters.pageSise",
      right:
        "- stepId: list\n  operationId: listPets\n  parameters:\n    - reference: $components.parameters.pageSize",
      place: .steps, spec: section("Reusable Object", "reusable-object")),
    .duplicateSourceName: .init(
      reason:
        "Expressions and qualified operationIds name a source description by its name; two equal names are ambiguous.",
      wrong:
        "sourceDescriptions:\n  - {name: petstore, url: ./petstore.openapi.yaml, type: openapi}\n  - {name: petstore, url: ./petstore2.openapi.yaml, type: openapi}",
      right:
        "sourceDescriptions:\n  - {name: petstore, url: ./petstore.openapi.yaml, type: openapi}\n  - {name: partner, url: ./petstore2.openapi.yaml, type: openapi}",
      place: .document, spec: section("Source Description Object", "source-description-object")),
    .duplicateParameter: .init(
      reason:
        "A parameter is identified by name and location; giving one twice leaves which value is sent to chance.",
      wrong:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: 1}\n    - {name: petId, in: path, value: 7}",
      right:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: 7}",
      place: .steps, spec: section("Step Object", "step-object")),
    .duplicateAction: .init(
      reason:
        "Actions are named so a report, :explain and breakpoints can say which one was taken; names repeat nowhere in one list.",
      wrong:
        "- stepId: list\n  operationId: listPets\n  onSuccess:\n    - {name: done, type: end}\n    - {name: done, type: goto, stepId: list}",
      right:
        "- stepId: list\n  operationId: listPets\n  onSuccess:\n    - {name: done, type: end}\n    - {name: again, type: goto, stepId: list}",
      place: .steps, spec: section("Step Object", "step-object")),
    .invalidName: .init(
      reason:
        "Names appear inside runtime expressions ($steps.NAME.outputs.NAME); a blank or a symbol would end the expression early.",
      wrong:
        "- stepId: pet\n  operationId: listPets\n  outputs:\n    pet name: $response.body#/0/name",
      right:
        "- stepId: pet\n  operationId: listPets\n  outputs:\n    petName: $response.body#/0/name",
      place: .steps, spec: section("Step Object", "step-object")),
    .sourceUnavailable: .init(
      reason:
        "Checks of operations and parameters need the source description; when it cannot be loaded they are skipped (and run refuses to start), so you know they did not happen.",
      wrong:
        "sourceDescriptions:\n  - {name: petstore, url: ./missing.openapi.yaml, type: openapi}",
      right:
        "sourceDescriptions:\n  - {name: petstore, url: ./petstore.openapi.yaml, type: openapi}",
      place: .document, spec: section("Source Description Object", "source-description-object")),
    .invalidSource: .init(
      reason:
        "Operations are looked up in OpenAPI 3.x (or Arazzo) documents; another format has no operations to find.",
      wrong: "sourceDescriptions:\n  - {name: petstore, url: ./swagger2.yaml, type: openapi}",
      right:
        "sourceDescriptions:\n  - {name: petstore, url: ./petstore.openapi.yaml, type: openapi}",
      place: .document, spec: section("Source Description Object", "source-description-object")),
    .sourceCycle: .init(
      reason:
        "Arazzo documents may use each other's workflows; a cycle is allowed but loaded once, and this note says so in case it was not meant.",
      wrong:
        "# a.arazzo.yaml names b.arazzo.yaml, which names a.arazzo.yaml\nsourceDescriptions:\n  - {name: b, url: ./b.arazzo.yaml, type: arazzo}",
      right:
        "# a.arazzo.yaml names b.arazzo.yaml; b names only OpenAPI sources\nsourceDescriptions:\n  - {name: b, url: ./b.arazzo.yaml, type: arazzo}",
      place: .run, spec: section("Source Description Object", "source-description-object")),
    .ambiguousOperation: .init(
      reason:
        "With two sources declaring one operationId, a bare operationId could run either; qualify it to say which.",
      wrong:
        "sourceDescriptions:\n  - {name: petstore, url: ./petstore.openapi.yaml, type: openapi}\n  - {name: petstore2, url: ./petstore2.openapi.yaml, type: openapi}\n# and a step with operationId: getPet",
      right: "# the step names its source\noperationId: $sourceDescriptions.petstore.getPet",
      place: .run, spec: section("Step Object", "step-object")),
    .invalidOperationPath: .init(
      reason:
        "operationPath is a JSON Pointer into a source that must end at an Operation Object (a method under a path).",
      wrong: "- stepId: list\n  operationPath: '{$sourceDescriptions.petstore.url}#/paths/~1pets'",
      right:
        "- stepId: list\n  operationPath: '{$sourceDescriptions.petstore.url}#/paths/~1pets/get'",
      place: .steps, spec: section("Step Object", "step-object")),
    .dependencyCycle: .init(
      reason: "dependsOn says what must complete first; a cycle means nothing can start.",
      wrong:
        "- workflowId: adopt\n  dependsOn: [browse]\n  steps: [{stepId: a, operationId: listPets}]\n- workflowId: browse\n  dependsOn: [adopt]\n  steps: [{stepId: b, operationId: listPets}]",
      right:
        "- workflowId: adopt\n  dependsOn: [browse]\n  steps: [{stepId: a, operationId: listPets}]\n- workflowId: browse\n  steps: [{stepId: b, operationId: listPets}]",
      place: .workflows, spec: section("Workflow Object", "workflow-object")),
    .actionShape: .init(
      reason:
        "An action's type decides its fields: goto needs a stepId or workflowId (not both), retry takes retryAfter/retryLimit, end takes neither.",
      wrong:
        "- stepId: list\n  operationId: listPets\n  onSuccess:\n    - {name: again, type: goto}",
      right:
        "- stepId: list\n  operationId: listPets\n  onSuccess:\n    - {name: again, type: goto, stepId: list}",
      place: .steps, spec: section("Success Action Object", "success-action-object")),
    .qualifiedOperationRequired: .init(
      reason:
        "With several OpenAPI sources the spec asks operationIds to name their source, so a later source cannot change which operation runs.",
      wrong:
        "sourceDescriptions:\n  - {name: petstore, url: ./petstore.openapi.yaml, type: openapi}\n  - {name: other, url: ./swagger-less.openapi.yaml, type: openapi}\n# and a step with operationId: getPet",
      right: "# the step names its source\noperationId: $sourceDescriptions.petstore.getPet",
      place: .run, spec: section("Step Object", "step-object")),
    .unknownSource: .init(
      reason: "$sourceDescriptions.NAME must name a declared source description.",
      wrong: "- stepId: list\n  operationId: $sourceDescriptions.petstor.listPets",
      right: "- stepId: list\n  operationId: $sourceDescriptions.petstore.listPets",
      place: .steps, spec: section("Runtime Expressions", "runtime-expressions")),
    .undeclaredParameter: .init(
      reason:
        "A parameter the operation does not declare is usually a typo: the server ignores it and the request is not what you meant. It is still sent.",
      wrong:
        "- stepId: list\n  operationId: listPets\n  parameters:\n    - {name: limitt, in: query, value: 10}",
      right:
        "- stepId: list\n  operationId: listPets\n  parameters:\n    - {name: limit, in: query, value: 10}",
      place: .steps, spec: section("Parameter Object", "parameter-object")),
    .missingParameter: .init(
      reason:
        "A request without a parameter its operation requires (every path parameter is) fails at the server, or cannot be built.",
      wrong: "- stepId: pet\n  operationId: getPet",
      right:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - {name: petId, in: path, value: 1}",
      place: .steps, spec: section("Parameter Object", "parameter-object")),
  ]
}
