import ArazzoJSON
import FuzzSupport

/// RFC 9535 JSONPath: the first line is a query, the rest (if it is JSON) the document it runs
/// against, else a fixed one. The query is also read as a logical expression (a `jsonpath`
/// criterion's condition such as `$.data.status == 10`).
@main enum FuzzJSONPath {
  static func main() { FuzzDriver.run(testOneInput) }
}

func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let (query, rest) = FuzzInput.split(FuzzInput.text(data, size))
  let document = (rest.isEmpty ? nil : try? JSONParser.parse(rest)) ?? FuzzFixtures.document
  if let path = try? JSONPath.parse(query) {
    for node in (try? path.select(document)) ?? [] { _ = node.path.map(\.description) }
    _ = path.description
  }
  if let expression = try? JSONPathLogicalExpression.parse(query) {
    _ = try? expression.evaluate(document)
  }
  return 0
}
