import ArazzoJSON

/// Checks that need the source descriptions: operations, operation paths, parameters the
/// operation declares, and workflows in other Arazzo documents.
extension DocumentChecker {
  func checkOperations() {}

  func checkExternalWorkflow(
    source: String, workflowId: String, at reference: Located<String>, what: String
  ) {}
}
