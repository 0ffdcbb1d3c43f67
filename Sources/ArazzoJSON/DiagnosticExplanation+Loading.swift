/// The long forms of the loading codes (AZ1xxx). See `DiagnosticExplanation`.
extension DiagnosticCode {
  static let loadingExplanations: [DiagnosticCode: DiagnosticExplanation] = [
    .yamlSyntax: .init(
      reason:
        "A document that does not parse has no meaning to check or run; the error says where the reader gave up, so you fix the text, not a guess.",
      wrong: "info:\n  title: Pets\n   version: 1.0.0",
      right: "info:\n  title: Pets\n  version: 1.0.0", place: .document,
      spec: DiagnosticExplanation.section("Format", "format")),
    .duplicateKey: .init(
      reason:
        "YAML and JSON readers disagree on which of two equal keys wins; the spec requires unique field names, so the tool refuses to pick one silently.",
      wrong: "- stepId: list\n  operationId: listPets\n  operationId: getPet",
      right: "- stepId: list\n  operationId: listPets", place: .steps,
      spec: DiagnosticExplanation.section("Format", "format")),
    .emptyDocument: .init(
      reason: "An empty file (or one holding only comments) is almost always the wrong file.",
      wrong: "# pets.arazzo.yaml: nothing but this comment",
      right:
        "arazzo: 1.0.1\ninfo: {title: Pets, version: 1.0.0}\nsourceDescriptions: […]\nworkflows: […]",
      place: .run,
      spec: DiagnosticExplanation.section(
        "Arazzo Specification Object", "arazzo-specification-object")),
    .notText: .init(
      reason:
        "Arazzo documents are UTF-8 text (JSON or YAML); anything else was saved wrongly or is not a document.",
      wrong: "pets.arazzo.yaml saved as UTF-16, or a binary file",
      right: "pets.arazzo.yaml saved as UTF-8", place: .run,
      spec: DiagnosticExplanation.section("Format", "format")),
    .tooDeep: .init(
      reason:
        "Nesting without end is how hostile documents exhaust a reader's stack; real documents nest a few dozen levels at most.",
      wrong: "payload: [[[[[[[[ … 200 levels … ]]]]]]]]",
      right: "payload: {pets: [{id: 1}]}", place: .run,
      spec: DiagnosticExplanation.tool(
        "a limit of this tool (README, Limits on time, depth and size)")),
    .unsupportedYAML: .init(
      reason:
        "An Arazzo document is a JSON value; YAML features with no JSON equivalent (a key that is a list, an alias that contains itself) cannot be one.",
      wrong: "x-notes:\n  ? [a, b]\n  : complex key",
      right: "x-notes:\n  a-b: complex key", place: .document,
      spec: DiagnosticExplanation.section("Format", "format")),
    .unreadableFile: .init(
      reason:
        "A file that cannot be read cannot be checked; the message gives the operating system's reason.",
      wrong: "arazzo validate missing.arazzo.yaml",
      right: "arazzo validate examples/petshop/arazzo/petshop.arazzo.yaml", place: .run,
      spec: DiagnosticExplanation.tool("reading files")),
    .refusedFile: .init(
      reason:
        "A document is treated as hostile: a source url must not make the tool read (and echo) files outside the document's tree, hidden files or devices.",
      wrong:
        "sourceDescriptions:\n  - name: petstore\n    url: /etc/passwd\n    type: openapi",
      right:
        "sourceDescriptions:\n  - name: petstore\n    url: ./petstore.openapi.yaml\n    type: openapi",
      place: .document,
      spec: DiagnosticExplanation.tool(
        "the files a document may read (README, Files a document may read)")),
    .wrongType: .init(
      reason:
        "Each field has one JSON type in the spec; a value of another type cannot be read as meant.",
      wrong: "- workflowId: adopt\n  steps: getPet",
      right:
        "- workflowId: adopt\n  steps:\n    - stepId: getPet\n      operationId: getPet\n      parameters:\n        - {name: petId, in: path, value: 1}",
      place: .workflows, spec: DiagnosticExplanation.section("Workflow Object", "workflow-object")),
    .missingField: .init(
      reason:
        "Required fields are what the run needs: a step without a stepId cannot be named by goto, outputs or breakpoints.",
      wrong: "- operationId: listPets",
      right: "- stepId: list\n  operationId: listPets", place: .steps,
      spec: DiagnosticExplanation.section("Step Object", "step-object")),
    .unknownField: .init(
      reason:
        "A misspelt field is silently ignored by lenient readers, so what you wrote never happens; only x- extensions may be added.",
      wrong:
        "- stepId: list\n  operationId: listPets\n  sucessCriteria:\n    - condition: $statusCode == 200",
      right:
        "- stepId: list\n  operationId: listPets\n  successCriteria:\n    - condition: $statusCode == 200",
      place: .steps,
      spec: DiagnosticExplanation.section("Specification Extensions", "specification-extensions")),
    .invalidValue: .init(
      reason: "Some fields take one of a fixed set of values; any other has no defined meaning.",
      wrong:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - name: petId\n      in: body\n      value: 1",
      right:
        "- stepId: pet\n  operationId: getPet\n  parameters:\n    - name: petId\n      in: path\n      value: 1",
      place: .steps, spec: DiagnosticExplanation.section("Parameter Object", "parameter-object")),
    .unsupportedVersion: .init(
      reason:
        "The `arazzo` field says which rules a document follows; this tool knows 1.0.x and 1.1.x only.",
      wrong: "arazzo: 2.0.0", right: "arazzo: 1.0.1", place: .document,
      spec: DiagnosticExplanation.section("Versions", "versions")),
  ]
}
