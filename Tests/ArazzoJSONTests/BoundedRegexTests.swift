import Foundation
import Testing

@testable import ArazzoJSON

// The regex blow-ups of the hardening issue: each gives up with an error, quickly, where the
// engine used to run for tens of seconds (or fail and read as "no match"). Wall-clock bounds
// are generous: the machines that run these are loaded.

/// Runs `body`, returning its result and how long it took.
private func timed<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
  let clock = ContinuousClock()
  let start = clock.now
  let result = try body()
  return (result, clock.now - start)
}

/// The outcome of a query: the normalized paths it selects, or its evaluation error.
private func run(
  _ query: String, on document: JSONValue
) throws -> Result<
  [String], JSONPathEvaluationError
> {
  let path = try JSONPath.parse(query)
  do {
    return .success(try path.select(document).map(\.normalizedPath))
  } catch {
    return .failure(error)
  }
}

@Suite struct BoundedRegexBlowUps {
  @Test(arguments: [
    // 41 s before, on 100 characters.
    ("$[?search(@, '(a*)*b')]", String(repeating: "a", count: 100)),
    // Past 60 s before, on 1,000 characters.
    ("$[?search(@, 'a*a*a*a*a*b')]", String(repeating: "a", count: 1_000)),
    // The issue's `(\w+\s?)*$` in I-Regexp (no `\w`), on 35 characters.
    ("$[?match(@, '([a-z]+ ?)*')]", String(repeating: "a", count: 34) + "!"),
  ])
  func catastrophicBacktrackingIsAnErrorNotFalse(query: String, subject: String) throws {
    let (outcome, elapsed) = try timed { try run(query, on: [.string(subject)]) }
    guard case .failure(let error) = outcome else {
      Issue.record("\(query) answered \(outcome) instead of giving up")
      return
    }
    #expect(error.message.contains("gave up after"), "\(error)")
    #expect(
      error.message.hasPrefix("search(@, ") || error.message.hasPrefix("match(@, "), "\(error)")
    #expect(elapsed < .seconds(5), "\(query) took \(elapsed)")
  }

  @Test func aMegabyteMatchesWhereTheDefaultStackFailed() throws {
    // ICU's default 8 MB backtracking stack overflowed here, and the failure read as no match.
    let subject = String(repeating: "ab", count: 512 * 1024)
    let (outcome, elapsed) = try timed {
      try run("$[?match(@, '(a|b)*')]", on: [.string(subject), "abc"])
    }
    #expect(try outcome.get() == ["$[0]"])
    #expect(elapsed < .seconds(10), "took \(elapsed)")
  }

  @Test func logicalExpressionsReportTheErrorToo() throws {
    let expression = try JSONPathLogicalExpression.parse("search($.s, '(a*)*b')")
    #expect(throws: JSONPathEvaluationError.self) {
      try expression.evaluate(["s": .string(String(repeating: "a", count: 100))])
    }
  }

  @Test func theDeadlineStopsAMatchTheBudgetWouldAllow() throws {
    // 4 MB of 'a': the step budget grows with the subject (to ~140 million steps, seconds of
    // work), so only the deadline ends this one early.
    let regex = try BoundedRegex("a*a*a*a*a*b")
    let subject = String(repeating: "a", count: 4 << 20)
    let deadline = ContinuousClock.now + .milliseconds(300)
    let (outcome, elapsed) = timed {
      Result { () throws(RegexMatchError) in try regex.matches(in: subject, deadline: deadline) }
    }
    #expect(throws: RegexMatchError(.deadline)) { try outcome.get() }
    #expect(elapsed < .seconds(3), "took \(elapsed)")
  }

  @Test func aDeadlineAlreadyPassedStillLetsShortMatchesFinish() throws {
    // Progress is checked every ~10,000 steps: a cheap match completes before the first check.
    let regex = try BoundedRegex("^[a-z]+-\\d+$")
    #expect(try regex.matches(in: "run-42", deadline: .now - .seconds(1)))
  }

  @Test func cancellationStopsAMatch() async throws {
    let regex = try BoundedRegex("a*a*a*a*a*b")
    let subject = String(repeating: "a", count: 1 << 20)
    // Timed inside the task: on a loaded pool the task may wait its turn to start.
    let (outcome, elapsed) = await Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return timed { Result { () throws(RegexMatchError) in try regex.matches(in: subject) } }
    }.value
    #expect(throws: RegexMatchError(.cancelled)) { try outcome.get() }
    #expect(elapsed < .seconds(3), "took \(elapsed)")
  }

  @Test func theBudgetGrowsWithTheSubject() {
    #expect(BoundedRegex.Budget.steps(forLength: 0) == 5_000_000)
    #expect(BoundedRegex.Budget.steps(forLength: 1 << 20) > 30_000_000)
    #expect(BoundedRegex.Budget.stackBytes(forLength: 10) == 8 << 20)
    #expect(BoundedRegex.Budget.stackBytes(forLength: 1 << 20) == 64 << 20)
    #expect(BoundedRegex.Budget.stackBytes(forLength: 1 << 30) == 256 << 20)
  }

  @Test func errorsSaySo() {
    #expect(
      RegexMatchError(.stepLimit(2_000_000)).description
        == "the regex match gave up after 2000000 steps (too much backtracking)")
    #expect(
      RegexMatchError(.stackLimit(64 << 20)).description
        == "the regex match gave up: its backtracking stack passed 64 MB")
    #expect(
      RegexMatchError(.deadline).description == "the regex match was stopped at the run's deadline")
  }

  @Test func invalidPatternsDoNotCompile() {
    #expect(throws: RegexSyntaxError.self) { try BoundedRegex("(a") }
    #expect(throws: RegexSyntaxError.self) { try BoundedRegex("a{2,1}") }
  }

  @Test func oneCompiledRegexServesManyThreadsAtOnce() async throws {
    let regex = try BoundedRegex("^(\\d+)-([a-z]+)$")
    let answers = await withTaskGroup(of: Bool.self) { group in
      for i in 0..<64 {
        group.addTask {
          var all = true
          for j in 0..<200 {
            let subject = (i + j).isMultiple(of: 2) ? "\(j)-abc" : "\(j)-ABC"
            all = all && (try? regex.matches(in: subject)) == (i + j).isMultiple(of: 2)
          }
          return all
        }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(answers.count == 64 && answers.allSatisfy { $0 })
  }
}

@Suite struct SchemaPatternBlowUps {
  static let subject = JSONValue.string(String(repeating: "a", count: 100))

  @Test func aPatternThatGivesUpMakesTheInstanceInvalidWithThatReason() throws {
    let schema = try JSONSchema(["properties": ["name": ["type": "string", "pattern": "(a*)*b"]]])
    let (violations, elapsed) = timed { schema.validate(["name": Self.subject]) }
    #expect(violations.count == 1)
    #expect(violations.first?.instanceLocation == JSONPointer(tokens: ["name"]))
    #expect(
      violations.first?.message.hasPrefix(
        "pattern '(a*)*b' could not be evaluated: the regex match gave up after") == true,
      "\(violations)")
    #expect(!schema.isValid(["name": Self.subject]))
    #expect(elapsed < .seconds(8), "took \(elapsed)")  // two passes (quick, then located)
  }

  @Test func notDoesNotTurnGivingUpIntoValid() throws {
    let schema = try JSONSchema(["not": ["pattern": "(a*)*b"]])
    #expect(!schema.isValid(Self.subject))
  }

  @Test func patternPropertiesGiveUpToo() throws {
    let schema = try JSONSchema([
      "patternProperties": ["(a*)*b": ["type": "integer"]], "additionalProperties": false,
    ])
    let key = String(repeating: "a", count: 100)
    let violations = schema.validate(.object(JSONObject([(key, .integer(1))])))
    #expect(
      violations.count == 1 && violations[0].message.contains("could not be evaluated"),
      "\(violations)")
  }
}
