import ArazzoJSON
import Testing

@testable import ArazzoExpressions

/// Mistakes a newcomer makes get an answer that says what to write.
@Suite struct GuidanceTests {
  @Test(arguments: [
    ("$response.body.items", "$response.body#/items"),
    ("$response.body.items[0].id", "$response.body#/items/0/id"),
    ("$request.body.a/b", "$request.body#/a~1b"),
  ])
  func aBodyWalkedWithDotsSuggestsAPointer(_ text: String, _ suggested: String) {
    do {
      _ = try RuntimeExpression.parse(text)
      Issue.record("'\(text)' parsed")
    } catch {
      #expect(
        error.hint == "a body is read with a JSON Pointer after '#': did you mean '\(suggested)'?")
    }
  }

  @Test func theSameMistakeInABracedTemplate() {
    var diagnostics: [Diagnostic] = []
    _ = ValueTemplate.compile(
      string: "id={$response.body.data.id}", origin: nil, options: .init(bareExpressions: false),
      diagnostics: &diagnostics)
    #expect(
      diagnostics.first?.hint?.contains("'$response.body#/data/id'") == true, "\(diagnostics)")
  }

  /// A lone `$…` that does not parse is not read as a condition that is false.
  @Test func aMistypedExpressionIsNotAFalseCondition() {
    do {
      let evaluable = try Evaluable.parse("$response.body.items")
      Issue.record("parsed as \(evaluable)")
    } catch {
      #expect(error.code == .invalidExpression)
      #expect(error.hint?.contains("$response.body#/items") == true)
    }
    // Real conditions still parse.
    #expect((try? Evaluable.parse("$statusCode == 200")) != nil)
    #expect((try? Evaluable.parse("$response.body#/ok")) != nil)
  }
}
