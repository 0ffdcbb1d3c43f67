/// The long forms of the contract checks (AZ6xxx): an exchange held to the OpenAPI description
/// of its operation (`--check`). Their examples are a description and what a server answered,
/// not document fragments. See `DiagnosticExplanation`.
extension DiagnosticCode {
  private static func contract(
    _ reason: String, _ wrong: String, _ right: String
  ) -> DiagnosticExplanation {
    DiagnosticExplanation(
      reason: reason, wrong: wrong, right: right, place: .run,
      spec: DiagnosticExplanation.tool(
        "contract checks (README, Contract checks); OpenAPI 3.1, Responses Object: "
          + "https://spec.openapis.org/oas/v3.1.1#responses-object"))
  }

  static let contractExplanations: [DiagnosticCode: DiagnosticExplanation] = [
    .contractStatus: contract(
      "A status the operation does not declare is one its clients were never told to expect: either the server or its description is wrong, and a workflow that passes anyway hides it.",
      "responses:\n  '201': { description: created }\n# the server answered 503",
      "responses:\n  '201': { description: created }\n  '503': { description: busy, try again }"
    ),
    .contractContentType: contract(
      "A client picks its parser by the Content-Type the description promises; a body of another type (or a body where none is declared) would be read wrongly.",
      "'200':\n  description: the pet\n# the server answered text/html",
      "'200':\n  description: the pet\n  content:\n    application/json:\n      schema: { $ref: '#/components/schemas/Pet' }"
    ),
    .contractResponseBody: contract(
      "The response schema is what a workflow's outputs and criteria read; a body that breaks it passes today and fails the first client that trusts the schema.",
      "schema:\n  type: object\n  properties: { id: { type: integer } }\n# the server answered {\"id\": \"7\"}",
      "schema:\n  type: object\n  properties: { id: { type: integer } }\n# the server answered {\"id\": 7}"
    ),
    .contractRequestBody: contract(
      "The body a step sends should be one the operation accepts; a payload that breaks the requestBody schema tests the server's error handling, not the workflow.",
      "requestBody:\n  payload: { petId: \"seven\" }\n# the schema says petId: { type: integer }",
      "requestBody:\n  payload: { petId: 7 }\n# the schema says petId: { type: integer }"
    ),
  ]
}
