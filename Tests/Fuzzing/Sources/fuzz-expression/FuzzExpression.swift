import ArazzoExpressions
import ArazzoJSON
import FuzzSupport

/// Runtime expressions: the input is parsed as one expression and as a string template (what a
/// parameter value or a request body string holds), and each is evaluated against a fixed run
/// context. Parse errors are expected; a crash, a hang or a leak is a finding.
@main enum FuzzExpression {
  static func main() { FuzzDriver.run(testOneInput) }
}

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = FuzzInput.text(data, size)
  let context = FuzzFixtures.expressionContext
  if let expression = try? RuntimeExpression.parse(text) {
    _ = expression.evaluate(in: context)
    _ = expression.referencedStepId
    _ = expression.referencedWorkflowId
  }
  var diagnostics: [Diagnostic] = []
  let template = ValueTemplate.compile(string: text, diagnostics: &diagnostics)
  _ = template.evaluate(in: context)
  for diagnostic in diagnostics { _ = diagnostic.message }
  return 0
}
