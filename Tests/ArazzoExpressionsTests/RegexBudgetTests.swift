import ArazzoJSON
import Foundation
import Testing

@testable import ArazzoExpressions

/// Criteria whose regex work gives up: they fail with the reason (not a silent false), quickly,
/// and stop at the context's deadline.
@Suite struct RegexBudgetCriteria {
  /// Evaluates `criterion` with `$inputs.v` = `value`, returning the result and the time taken.
  static func evaluate(
    _ criterion: Criterion, _ value: JSONValue, deadline: ContinuousClock.Instant? = nil
  )
    -> (CriterionResult, Duration)
  {
    let (compiled, diagnostics) = compile(criterion)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    var context = JSONContext(["inputs": ["v": value]])
    context.deadline = deadline
    let clock = ContinuousClock()
    let start = clock.now
    let result = compiled.evaluate(in: context)
    #expect(compiled.passes(in: context) == false)
    return (result, clock.now - start)
  }

  @Test func catastrophicRegexConditionFailsWithTheReason() {
    // About 10 s before, on a 35-character string (and past --deadline 5s).
    let (result, elapsed) = Self.evaluate(
      Criterion(context: "$inputs.v", condition: #"(\w+\s?)*$"#, type: .regex),
      .string(String(repeating: "a", count: 34) + "!"))
    #expect(!result.passed)
    #expect(result.error?.hasPrefix("the regex match gave up after") == true, "\(result)")
    #expect(elapsed < .seconds(5), "took \(elapsed)")
  }

  @Test func regexConditionStopsAtTheDeadline() {
    // 4 MB: the budget alone would allow seconds of work; the deadline ends it.
    let (result, elapsed) = Self.evaluate(
      Criterion(context: "$inputs.v", condition: "a*a*a*a*a*b", type: .regex),
      .string(String(repeating: "a", count: 4 << 20)), deadline: .now + .milliseconds(300))
    #expect(result.error == "the regex match was stopped at the run's deadline", "\(result)")
    #expect(elapsed < .seconds(6), "took \(elapsed)")  // evaluate and passes: two matches
  }

  @Test func substitutedRegexIsBoundedToo() {
    let (compiled, _) = compile(
      Criterion(context: "$inputs.v", condition: "{$inputs.p}", type: .regex))
    let result = compiled.evaluate(
      in: JSONContext(["inputs": ["v": .string(String(repeating: "a", count: 100)), "p": "(a*)*b"]])
    )
    #expect(result.error?.hasPrefix("the regex match gave up after") == true, "\(result)")
  }

  @Test(arguments: [
    "$[?search(@, '(a*)*b')]",  // an RFC 9535 query
    "search($.x, '(a*)*b')",  // the seed's reading: a logical expression
  ])
  func jsonpathCriterionWithAGivingUpRegexFailsWithTheReason(condition: String) {
    var diagnostics: [Diagnostic] = []
    let compiled = CompiledCriterion.compile(
      Criterion(context: "$inputs.v", condition: condition, type: .jsonpath),
      diagnostics: &diagnostics)
    let context = JSONContext(["inputs": ["v": ["x": .string(String(repeating: "a", count: 100))]]])
    let result = compiled.evaluate(in: context)
    #expect(!result.passed)
    #expect(
      result.error?.contains("search(") == true && result.error?.contains("gave up after") == true,
      "\(result)")
    #expect(!compiled.passes(in: context))
  }
}
