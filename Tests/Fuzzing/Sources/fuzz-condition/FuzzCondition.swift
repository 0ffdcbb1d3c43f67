import ArazzoExpressions
import ArazzoJSON
import FuzzSupport

/// Simple conditions (criteria of type `simple`, and what `arazzo eval` reads): the input is
/// parsed as a condition (lenient and strict), evaluated and explained against a fixed run
/// context, and parsed as `arazzo eval` would.
@main enum FuzzCondition {
  static func main() { FuzzDriver.run(testOneInput) }
}

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = FuzzInput.text(data, size)
  let context = FuzzFixtures.expressionContext
  if let condition = try? Condition.parse(text) {
    _ = condition.evaluate(in: context)
    _ = condition.explain(in: context).render()
  }
  var warnings: [Diagnostic] = []
  _ = try? Condition.parse(text, origin: nil, strict: true, warnings: &warnings)
  if let evaluable = try? Evaluable.parse(text) {
    _ = evaluable.evaluate(in: context)
    _ = evaluable.explain(in: context).render()
  }
  return 0
}
