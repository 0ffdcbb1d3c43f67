import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

@testable import ArazzoSyntax

/// `$outputs.<name>` and `$workflows.<id>.outputs.<name>` must name an output the workflow
/// declares; inside a workflowId step, `$outputs` may name the called workflow's
/// (docs/semantics.md#outputs-in-workflow-steps).
@Suite struct WorkflowOutputReferenceTests {
  static let document = """
    arazzo: 1.0.1
    info:
      title: Pets
      version: 1.0.0
    sourceDescriptions:
      - name: petstore
        url: https://petstore.example.com/openapi.yaml
        type: openapi
    workflows:
      - workflowId: find
        steps:
          - stepId: list
            operationId: listPets
            outputs:
              first: $response.body#/0/name
        outputs:
          firstName: $steps.list.outputs.first
      - workflowId: adopt
        steps:
          - stepId: callFind
            workflowId: find
            successCriteria:
              - condition: $outputs.firstName != null
            outputs:
              name: $outputs.firstNam
          - stepId: again
            workflowId: find
            successCriteria:
              - condition: $workflows.find.outputs.firstname != null
              - condition: $workflows.find.outputs.firstName.first != null
        outputs:
          name: $steps.callFind.outputs.name
          own: $outputs.name
          missing: $outputs.nope
    """

  static func errors() throws -> [String] {
    let folder = try TemporaryFolder()
    let path = folder.appending("outputs.arazzo.yaml").path
    try document.write(toFile: path, atomically: false, encoding: .utf8)
    let report = Validator().validate(path: path)
    return report.diagnostics.filter { $0.severity == .error }.map {
      "\($0.code.rawValue) \($0.span.map { "\($0.start.line):\($0.start.column)" } ?? "") \($0.message) | \($0.hint ?? "")"
    }
  }

  @Test func undeclaredWorkflowOutputsAreLocatedErrors() throws {
    #expect(
      try Self.errors() == [
        "AZ2023 25:17 workflow 'adopt' or 'find' declares no output 'firstNam' | did you mean 'firstName'?",
        "AZ2023 29:13 workflow 'find' declares no output 'firstname' | did you mean 'firstName'?",
        "AZ2023 34:16 workflow 'adopt' declares no output 'nope' | its outputs: name, own, missing",
      ])
  }

  /// `$steps.list.output.first` (a misspelt `outputs`): write `$steps.list.outputs.first`.
  @Test func aMisspeltOutputsSaysWhatToWrite() throws {
    let folder = try TemporaryFolder()
    let path = folder.appending("misspelt.arazzo.yaml").path
    try Self.document.replacingOccurrences(
      of: "firstName: $steps.list.outputs.first", with: "firstName: $steps.list.output.first"
    ).write(toFile: path, atomically: false, encoding: .utf8)
    let report = Validator().validate(path: path)
    let problem = try #require(report.diagnostics.first { $0.code == .invalidExpression })
    #expect(problem.hint == "write '$steps.list.outputs.first'")
  }
}
