import ArazzoHTTP
import ArazzoJSON
import ArazzoSyntax
import Foundation

extension InputBinder {
  /// The secrets known before a workflow's inputs are bound, which diagnostics are scrubbed of
  /// (`validate` and `lower`, and a `RunPlan` before it binds): the values given as inputs
  /// (`--input`, `ARAZZO_INPUT_*`, `--inputs`) that are secret by their name or by the inputs
  /// schema of any workflow of the document (`format: password`, `writeOnly`). A document that
  /// makes arazzo read a file holding them (its environment, say) still does not get them printed.
  public static func knownSecrets(
    in report: ValidationReport, arguments: [String] = [], file: JSONValue? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Set<String> {
    // No schema: every given input counts, secret by its name.
    var schemas: [JSONValue?] = [nil]
    for workflow in report.document?.workflows ?? [] { schemas.append(workflow.inputs?.value) }
    var secrets = Set<String>()
    for schema in schemas {
      let binder = InputBinder(schema: schema, documentRoot: report.loaded?.root)
      let binding = binder.bind(arguments: arguments, file: file, environment: environment)
      secrets.formUnion(Redactor.secretValues(ofInputs: binding.inputs, schema: binder.schema))
    }
    return secrets
  }
}
