import Testing

@testable import ArazzoJSON

@Test func jsonPathNormalizedPathsEscape() throws {
  let document: JSONValue = ["a'b": ["\u{1}\n": [true]]]
  let nodes = try JSONPath.parse("$..[0]").select(document)
  #expect(nodes.map(\.normalizedPath) == [#"$['a\'b']['\u0001\n'][0]"#])
  #expect(nodes.first?.path == [.name("a'b"), .name("\u{1}\n"), .index(0)])
}

@Test func jsonPathDescriptionIsBracketNotation() throws {
  let path = try JSONPath.parse("$.store.book[?@.price < 10 && match(@.t, \"a.*\")]..title")
  #expect(
    path.description == "$['store']['book'][?@['price'] < 10 && match(@['t'], 'a.*')]..['title']")
  #expect(try JSONPath.parse("$.a[0]['b']").isSingular)
  #expect(!(try JSONPath.parse("$.a[*]").isSingular))
}

@Test(arguments: [
  ("$.a.", 4),
  ("$[?count(@..*)]", 3),
  ("$[?length(@.a)]", 3),
  ("$[?@.* == 1]", 3),
  ("$[9007199254740992]", 2),
  ("$['\\uD800']", 3),
  (" $", 0),
])
func jsonPathRejects(text: String, offset: Int) {
  do {
    _ = try JSONPath.parse(text)
    Issue.record("\(text) parsed")
  } catch {
    #expect(error.offset == offset, "\(text): \(error)")
  }
}

@Test(arguments: [
  ("a.b", "a\nb", false),
  ("a.b", "a\u{2028}b", true),
  ("[^a]", "\n", true),
  ("\\p{Lu}+", "ÀB", true),
  ("x{2,3}", "xxx", true),
  ("a$b", "a$b", false),
])
func iRegexpMatches(pattern: String, subject: String, expected: Bool) throws {
  #expect(try IRegexp.compile(pattern, anchored: true)?.matches(subject) == expected, "\(pattern)")
}

@Test(arguments: ["(", "a{3,2}", "\\d", "[a", "a**", "\\p{IsBasicLatin}", "(?:a)", "[b-a]"])
func iRegexpRejects(pattern: String) {
  #expect(IRegexp.compile(pattern, anchored: false) == nil, "\(pattern)")
}

@Test func jsonPathDescendantScalesLinearly() throws {
  // 200 000 nodes, nested 10 deep: the descendant segment must not copy paths quadratically.
  var level: JSONValue = .array((0..<20).map { .integer($0) })
  for depth in 0..<10 {
    level = .object(JSONObject((0..<10).map { ("k\($0)", $0 == 0 ? level : .integer(depth)) }))
  }
  let wide: JSONValue = .array(Array(repeating: level, count: 1000))
  let path = try JSONPath.parse("$..*")
  let clock = ContinuousClock()
  var count = 0
  let elapsed = try clock.measure { count = try path.select(wide).count }
  #expect(count > 100_000)
  #expect(elapsed < .seconds(60))  // a hang guard; bench/ measures speed
}

@Test func jsonPathRejectsDeepNestingWithoutCrashing() {
  let deep =
    "$[?" + String(repeating: "(", count: 100_000) + "@.a" + String(repeating: ")", count: 100_000)
    + "]"
  #expect(throws: JSONPathError.self) { try JSONPath.parse(deep) }
  let nestedFilters =
    "$" + String(repeating: "[?@", count: 100_000) + String(repeating: "]", count: 100_000)
  #expect(throws: JSONPathError.self) { try JSONPath.parse(nestedFilters) }
  let fine =
    "$[?" + String(repeating: "(", count: 50) + "@.a" + String(repeating: ")", count: 50) + "]"
  #expect((try? JSONPath.parse(fine)) != nil)
}

@Test(arguments: ["$[?@[ 'a' ] == 1]", "$[?length(@[0 ]) == 1]", "$[?@. a == 1]", "$[?!@.a == 1]"])
func jsonPathRejectsNonGrammarSingularQueries(text: String) {
  #expect(throws: JSONPathError.self) { try JSONPath.parse(text) }
}

@Test(arguments: ["$[?@ ['a'] == 1]", "$[?@.a [0] == 1]", "$[ 'a' ]", "$[?@[ 'a' ]]"])
func jsonPathAcceptsBlanksWhereTheGrammarAllows(text: String) {
  #expect((try? JSONPath.parse(text)) != nil, "\(text)")
}

@Test(arguments: [
  "$[?@.a == 1e300]", "$[?@.a == -0.5e-7]", "$[?@.a == 1e400]", "$[?@.a == '\\u0001\\t\\'\"']",
  "$[?!(@.a || @.b) && (@.c || !@.d)]", "$[?count($..*) > 1 || value(@..x) == null]",
])
func jsonPathDescriptionRoundTrips(text: String) throws {
  let path = try JSONPath.parse(text)
  let again = try JSONPath.parse(path.description)
  #expect(again.description == path.description)
}
