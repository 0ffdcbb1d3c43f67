import Testing

@testable import ArazzoJSON

private let statusDocument: JSONValue = ["data": ["status": 10, "name": "ok"], "list": [1, 2, 3]]

@Test(arguments: [
  ("$.data.status == 10", true),
  ("$.data.status == 20", false),
  ("$.data.status == 10.0", true),
  ("$.data.status != 10", false),
  ("$.data.status == 20 || $.data.status == 10", true),
  ("$.data.status == 20 || $.data.status == 30", false),
  ("$.data.status < 11 && $.data.status >= 10", true),
  ("$.data.status < 10", false),
  ("$.data.missing == 10", false),
  ("$.data.missing", false),
  ("$.data.missing == $.data.other", true),
  ("$.data", true),
  ("!$.data.missing", true),
  ("@.data.status == 10", true),
  ("  $.data.name == 'ok'  ", true),
  ("length($.list) == 3 && count($.list[*]) == 3", true),
  ("match($.data.name, 'o.')", true),
  ("search($.data.name, 'k')", true),
  ("($.data.status == 1 || $.data.status == 10) && !($.data.name == 'no')", true),
])
func logicalExpressionEvaluates(text: String, expected: Bool) throws {
  let expression = try JSONPathLogicalExpression.parse(text)
  #expect(try expression.evaluate(statusDocument) == expected, "\(text)")
  // The canonical text parses back to an expression with the same meaning.
  let again = try JSONPathLogicalExpression.parse(expression.description)
  #expect(try again.evaluate(statusDocument) == expected, "\(expression.description)")
}

@Test(arguments: [
  ("$.data.status ==", 16),
  ("$.data.status = 10", 14),
  ("$.data.status == 10 &&", 22),
  ("length($.list)", 0),
  ("$..x == 1", 0),
  ("10", 0),
  ("$.data.status == 010", 17),
  ("$.a == 1 )", 9),
])
func logicalExpressionRejects(text: String, offset: Int) {
  #expect(throws: JSONPathError.self) { try JSONPathLogicalExpression.parse(text) }
  do {
    _ = try JSONPathLogicalExpression.parse(text)
  } catch {
    #expect(error.offset == offset, "\(text): \(error)")
  }
}

@Test func logicalExpressionDescriptionIsCanonical() throws {
  let expression = try JSONPathLogicalExpression.parse("$.a<10||$.b.c=='x'&&!@.d")
  #expect(expression.description == "$['a'] < 10 || $['b']['c'] == 'x' && !@['d']")
}
