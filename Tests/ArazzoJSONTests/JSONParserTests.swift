import Testing

@testable import ArazzoJSON

@Test func parsesIntegersAndKeepsKeyOrder() throws {
  let v = try JSONParser.parse(#"{"b": 1, "a": 2.5, "c": [true, null, "x\u00e9"]}"#)
  #expect(v["b"] == .integer(1))
  #expect(v["a"] == .number(2.5))
  #expect(v.objectValue?.keys == ["b", "a", "c"])
  #expect(JSONPrinter.compact(v) == #"{"b":1,"a":2.5,"c":[true,null,"xé"]}"#)
}

@Test(arguments: [
  ("{", "unexpected end of input"),
  (#"{"a":1,"a":2}"#, "duplicate key 'a'"),
  ("[01]", "leading zeros are not allowed in numbers"),
  ("tru", "invalid literal, expected 'true'"),
  (String(repeating: "[", count: 600), "nesting deeper than 512 levels"),
])
func rejectsMalformedJSON(text: String, message: String) {
  #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
  do { _ = try JSONParser.parse(text) } catch { #expect(error.message == message) }
}
