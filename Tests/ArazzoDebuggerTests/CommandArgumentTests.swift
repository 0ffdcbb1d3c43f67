import ArazzoTestSupport
import Foundation
import Testing

@testable import ArazzoDebugger

/// The table's argument parsers: what each kind makes of the text after a command's name, when
/// input is unfinished, and the grammar generated from them.
@Suite struct CommandArgumentTests {
  func parse(_ line: String) -> Result<CommandArgument, ShellError> {
    guard case .command(let kind, let text) = parseInput(line) else {
      return .failure(ShellError("not a command: \(line)"))
    }
    let spec = CommandTable.spec(kind)
    return spec.argument.parse(text, command: spec.name)
  }

  func value(_ line: String) -> CommandArgument? { try? parse(line).get() }

  func error(_ line: String) -> String? {
    if case .failure(let e) = parse(line) { e.message } else { nil }
  }

  @Test func countsAndNumbers() {
    #expect(value(":step") == .count(1))
    #expect(value(":c 3") == .count(3))
    #expect(error(":next 0") == ":next takes an optional count, not '0'")
    #expect(error(":s x") == ":step takes an optional count, not 'x'")
    #expect(value(":list 2") == .count(2))
    #expect(value(":list x") == .count(5))
    #expect(value(":ir") == .count(3))
    #expect(value(":unwatch") == .number(nil))
    #expect(value(":unwatch 2") == .number(2))
    #expect(error(":unwatch x") == ":unwatch takes a watch number (:watch lists them)")
    #expect(
      error(":frame one") == ":frame takes an attempt number as :history lists them (:frame 2)")
    #expect(value(":delete 1  3") == .numbers([1, 3]))
    #expect(value(":delete") == .numbers([]))
    #expect(error(":delete 1 x") == ":delete takes breakpoint numbers (:breakpoints lists them)")
  }

  @Test func textsAssignmentsAndWords() {
    #expect(value(":b pollRun if $statusCode == 200") == .text("pollRun if $statusCode == 200"))
    #expect(value(":watch") == .text(""))
    #expect(error(":eval") == ":eval needs an expression: :eval $response.body#/data/status")
    #expect(error(":goto") == ":goto needs a step id (:goto pollRun)")
    #expect(error(":save") == ":save needs a file name (:save session.har)")
    #expect(value(":set $inputs.cause = a  b") == .assignment(name: "cause", value: "a  b"))
    #expect(
      error(":set jobId = 4")
        == ":set changes workflow inputs only: :set $inputs.NAME = VALUE (got 'jobId')")
    #expect(
      error(":set $inputs.jobId") == ":set needs $inputs.NAME = VALUE (:set $inputs.jobId = 42)")
    #expect(
      value(":restart cause=\"two words\" jobId=4") == .words(["cause=two words", "jobId=4"]))
    #expect(error(":restart jobId") == ":restart takes NAME=VALUE inputs, got 'jobId'")
    #expect(error(":restart a='b") == ":restart: unclosed ' quote")
    #expect(value(":where anything") == CommandArgument.none)
  }

  /// Every example in the table gets through its command's own argument parser.
  @Test func everyExampleParsesItsArgument() {
    for spec in CommandTable.all {
      for example in spec.examples {
        guard case .command(let kind, let text) = parseInput(example), kind == spec.kind else {
          continue
        }
        if case .failure(let e) = spec.argument.parse(text, command: spec.name) {
          Issue.record("\(spec.name): example '\(example)' fails: \(e.message)")
        }
      }
    }
  }

  @Test func unfinishedInput() {
    #expect(inputIsIncomplete(":eval ($statusCode == 200"))
    #expect(inputIsIncomplete("$inputs.cause == 'two"))
    #expect(inputIsIncomplete(":explain ($statusCode == 200 &&"))
    #expect(inputIsIncomplete(":restart cause=\"a"))
    #expect(inputIsIncomplete(":eval ($statusCode == 200\n  && $statusCode < 300"))
    #expect(!inputIsIncomplete(":eval ($statusCode == 200\n  && $statusCode < 300)"))
    #expect(!inputIsIncomplete(":eval $statusCode == 200"))
    #expect(!inputIsIncomplete("$("))
    #expect(!inputIsIncomplete(":eval $statusCode == )"))
    #expect(!inputIsIncomplete(":step ("))
    #expect(!inputIsIncomplete(":break pollRun if ($statusCode"))
    #expect(!inputIsIncomplete(""))
  }

  /// `grammar/repl.ebnf` is the table's grammar, as generated; after changing the table, write
  /// `ReplGrammar.text()` to the file (`ARAZZO_RECORD=1` does).
  @Test func replGrammarMatchesTheTable() throws {
    let url = TestPaths.root.appendingPathComponent("grammar/repl.ebnf")
    let generated = ReplGrammar.text()
    if ProcessInfo.processInfo.environment["ARAZZO_RECORD"] == "1" {
      try generated.write(to: url, atomically: true, encoding: .utf8)
    }
    let file = try String(contentsOf: url, encoding: .utf8)
    #expect(file == generated, "grammar/repl.ebnf differs from ReplGrammar.text()")
    for spec in CommandTable.all {
      #expect(file.contains("\"\(spec.name)\""), "\(spec.name) is missing from the grammar")
    }
  }
}

/// Input that continues over lines, through the shell.
@Suite struct MultiLineInputTests {
  @Test func anUnclosedParenthesisReadsOn() async throws {
    let (out, _) = try await ShellTests.session([
      ":eval ($inputs.jobId == 251", "  && $inputs.accountId == 70403)", "$inputs.jobId != 'one",
      "two'",
    ])
    #expect(out.contains("...> " + "  && $inputs.accountId == 70403)\ntrue\n"))
    #expect(out.contains("...> two'\ntrue\n"))
  }

  @Test func aQuoteInRestartReadsOn() async throws {
    let (out, engine) = try await ShellTests.session([":restart cause=\"two", "lines\""])
    #expect(out.contains("restarted: run 2 with cause=\"two\nlines\""))
    #expect(engine.inputs.objectValue?["cause"] == .string("two\nlines"))
  }

  @Test func continuationIsBounded() async throws {
    let lines = ["$inputs.cause == 'open"] + Array(repeating: "more", count: 40) + [":where"]
    let (out, _) = try await ShellTests.session(lines)
    #expect(out.contains("error: input still unfinished after 32 lines"))
    // The lines after the limit are commands again.
    #expect(out.contains("error: unknown command 'more'"))
    #expect(out.contains("→ #0"))
  }

  @Test func theEndOfInputEndsAnUnfinishedOne() async throws {
    let (out, _) = try await ShellTests.session([":eval ($statusCode == 200"])
    #expect(out.contains("error: expected ')'"))
  }
}
