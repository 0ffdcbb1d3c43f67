import ArazzoJSON
import Testing

@testable import ArazzoExpressions

/// `:explain` of a jsonpath criterion: each selected node with its value, the rule (anything
/// selected holds, whatever its value), the filter probably meant when the value is null, false
/// or empty, and why nothing was selected.
@Suite struct JSONPathExplanationTests {
  func explained(_ condition: String, body: JSONValue) -> CriterionResult {
    let (c, d) = compile(
      Criterion(context: "$response.body", condition: condition, type: .jsonpath))
    #expect(d.isEmpty, "\(d.map(\.message))")
    return c.explain(in: JSONContext(["response": ["statusCode": 200, "body": body]]))
  }

  /// The pagination trap: `$.next` selects the null, so it holds and a loop never ends.
  @Test func nullSelectedStillHoldsAndTheFilterIsSuggested() throws {
    let r = explained("$.next", body: ["items": [1], "next": .null])
    #expect(r.passed)
    #expect(
      r.explanation == [
        "$.next selected 1 node:",
        "  $['next']  →  null",
        "a jsonpath criterion holds when anything is selected, whatever its value: this one holds",
        "it selected null, which still counts; if you meant \"$.next is not null\", write $[?$.next != null]",
      ])
    // The suggestion is a valid RFC 9535 query meaning what it says: nothing when next is null,
    // something when it is not.
    let suggestion = try JSONPath.parse("$[?$.next != null]")
    #expect(try suggestion.select(["items": [1], "next": .null]).isEmpty)
    #expect(try !suggestion.select(["items": [1], "next": 2]).isEmpty)
  }

  @Test func falseAndEmptySuggestTheirFilters() throws {
    let f = explained("$.open", body: ["open": false])
    #expect(f.explanation.last?.hasSuffix("write $[?$.open == true]") == true)
    let e = explained("$.items", body: ["items": []])
    #expect(e.explanation.last?.hasSuffix("write $[?length($.items) > 0]") == true)
    for (query, yes, no): (String, JSONValue, JSONValue) in [
      ("$[?$.open == true]", ["open": true], ["open": false]),
      ("$[?length($.items) > 0]", ["items": [1]], ["items": []]),
    ] {
      let q = try JSONPath.parse(query)
      #expect(try !q.select(yes).isEmpty && q.select(no).isEmpty, "\(query)")
    }
  }

  @Test func manyNodesAreCappedWithTheirValues() {
    let r = explained("$.items[*]", body: ["items": .array((1...8).map { .integer($0) })])
    #expect(r.explanation.first == "$.items[*] selected 8 nodes:")
    #expect(r.explanation.contains("  $['items'][0]  →  1"))
    #expect(r.explanation.contains("  … and 3 more"))
  }

  @Test func longValuesAreClipped() {
    let long = String(repeating: "x", count: 200)
    let r = explained("$.a", body: ["a": .string(long)])
    let line = r.explanation[1]
    #expect(line.hasSuffix("…") && line.count < 80)
  }

  /// `count(@.items)` inside a filter over the body: `@` is each child, and count() counts
  /// nodes, so nothing is selected; the explanation says both, with the counts.
  @Test func filterThatHeldForNothingSaysWhy() {
    let r = explained("$[?count(@.items) > 0]", body: ["items": [1, 2]])
    #expect(!r.passed)
    #expect(
      r.explanation == [
        "$[?count(@.items) > 0] selected nothing: the filter [?count(@['items']) > 0] held for none of the 1 children of $ (an object)",
        "@ is each child of $ in turn, not $ itself; with @ = $ the filter would hold",
        "count(@['items']) counts the nodes @['items'] selects (at most one: the value itself), not the elements of an array; for those write length(@['items'])",
        "a jsonpath criterion holds when the query selects anything: this one does not",
      ])
  }

  @Test func missingMemberIsNamedWithTheMembersThere() {
    let r = explained("$.data.next", body: ["data": ["status": 1, "id": 7]])
    #expect(
      r.explanation.first
        == "$.data.next selected nothing: $['data'] has no member 'next' (members: status, id)")
    let i = explained("$.items[5]", body: ["items": [1, 2]])
    #expect(
      i.explanation.first
        == "$.items[5] selected nothing: $['items'] has 2 elements: index 5 is out of range")
  }

  @Test func longKeysAreClipped() {
    let key = String(repeating: "k", count: 500)
    let r = explained("$.a", body: .object(JSONObject([(key, .integer(1))])))
    #expect(r.explanation.first?.count ?? 1000 < 120, "\(r.explanation)")
  }

  /// Reports keep their one-line detail; only `explain` builds the lines.
  @Test func evaluateBuildsNoExplanation() {
    let (c, _) = compile(Criterion(context: "$response.body", condition: "$.next", type: .jsonpath))
    let r = c.evaluate(in: JSONContext(["response": ["body": ["next": .null]]]))
    #expect(r.passed && r.explanation.isEmpty && r.detail == "selected 1 node: $['next']")
  }
}
