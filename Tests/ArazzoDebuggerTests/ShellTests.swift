import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import Testing

/// The shell in process, fed by a scripted line source: what it prints, and that it never
/// decides anything the engine should.
@Suite struct ShellTests {
  /// A scripted source that reports Ctrl-C once the run has executed `after` instructions.
  final class InterruptingSource: LineSource {
    let lines: ScriptedLineSource
    var polls = 0
    let after: Int
    init(_ lines: [String], interruptAfter after: Int) {
      self.lines = ScriptedLineSource(lines: lines)
      self.after = after
    }
    func readLine(prompt: String) -> LineRead { lines.readLine(prompt: prompt) }
    func addHistory(_ line: String) {}
    func takeInterrupt() -> Bool {
      polls += 1
      return polls == after
    }
    var isInteractive: Bool { false }
  }

  static func session(
    _ lines: [String], interruptAfter: Int? = nil
  ) async throws -> (String, DebugEngine) {
    let engine = try makeEngine()
    var out = ""
    let input: any LineSource =
      interruptAfter.map { InterruptingSource(lines, interruptAfter: $0) }
      ?? ScriptedLineSource(lines: lines)
    let shell = DebugShell(engine: engine, input: input, options: ShellOptions(echo: true)) {
      out += $0
    }
    await shell.run()
    return (out, engine)
  }

  @Test func restartTakesQuotedValues() async throws {
    let (out, engine) = try await Self.session([
      ":restart cause=\"two words\" jobId='251'", "$inputs.cause", ":restart cause=\"open",
    ])
    #expect(out.contains("$inputs.cause\n\"two words\"\n"))
    #expect(out.contains("error: :restart: unclosed \" quote"))
    #expect(engine.runNumber == 2)
  }

  @Test func setWarnsWhereTheInputsSchemaDisagrees() async throws {
    let (out, _) = try await Self.session([
      ":set $inputs.jobId = 300", ":set $inputs.jobId = abc", ":set $inputs.nope = 1",
      "$inputs.nope",
    ])
    #expect(out.contains("$inputs.jobId = 300\n("))  // an integer, as the schema says: no warning
    #expect(
      out.contains(
        "$inputs.jobId = \"abc\"\nwarning: input 'jobId': expected integer, found string\n"))
    #expect(
      out.contains(
        "warning: workflow 'trigger-run-and-poll' declares no input 'nope' (its inputs: accountId, jobId, token, cause)"
      ))
    #expect(out.hasSuffix("$inputs.nope\n1\n"))  // set anyway: the debugger lets you try
  }

  @Test func anEmptyLineRepeatsOnlySteppingCommands() async throws {
    let (out, engine) = try await Self.session([":step", "$statusCode", "", ""])
    // :step twice more after the evaluation: after the response → criteria → action.
    #expect(engine.at == "triggerRun/beforeAction")
    #expect(out.components(separatedBy: "\n200\n").count == 2)
  }

  @Test func errorsNeverEndTheSession() async throws {
    let (out, engine) = try await Self.session([":bogus", ":goto nowhere", ":back", "$(", ":step"])
    #expect(out.contains("error: unknown command ':bogus'"))
    #expect(out.contains("error: workflow 'trigger-run-and-poll' has no step 'nowhere'"))
    #expect(out.contains("error: no step attempt has completed yet"))
    #expect(engine.at == "triggerRun/afterResponse")
  }

  /// The engine says what is missing; only the shell shows its commands (issue 10 item 1).
  @Test func aBreakpointWithoutATargetIsExplainedByTheShell() async throws {
    let (out, engine) = try await Self.session([":break if $statusCode == 200"])
    #expect(
      out.contains("error: expected a step id or FILE:LINE (:break pollRun, :break seed.yaml:87)"),
      "\(out)")
    var table = BreakpointTable()
    #expect(throws: BreakpointError.self) {
      try table.add("if true", temporary: false, program: engine.program, current: nil)
    }
    do {
      _ = try table.add("if true", temporary: false, program: engine.program, current: nil)
    } catch {
      #expect(error.message == "expected a step id or FILE:LINE")
      #expect(error.isMissingTarget)
    }
  }

  @Test func quitStopsReading() async throws {
    let (out, engine) = try await Self.session([":quit", ":step"])
    #expect(engine.at == "triggerRun/beforeStep")
    #expect(out.hasSuffix("(trigger-run-and-poll · triggerRun) :quit\n"))
  }

  @Test func ctrlCPausesAContinue() async throws {
    let (out, engine) = try await Self.session([":continue"], interruptAfter: 8)
    #expect(out.contains("· interrupted"))
    #expect(engine.result == nil)
  }

  /// Completion offers the keys of the body the run last received, even when that response
  /// came during a `:continue` and the run never paused after it.
  @Test func completionReadsTheLastBodyTheRunReceived() async throws {
    let engine = try makeEngine()
    let completion = DebugCompletion()
    let shell = DebugShell(
      engine: engine, input: ScriptedLineSource(lines: [":break pollRun", ":continue"]),
      completion: completion
    ) { _ in }
    await shell.run()
    #expect(engine.at == "pollRun/beforeStep")
    // The trigger's answer has `cause`; the polls' answers do not.
    let cause = completion.completions(for: "$response.body#/data/ca")
    #expect(cause == ["$response.body#/data/cause"])
    _ = await shell.execute(":step")
    #expect(completion.completions(for: "$response.body#/data/ca") == [])
    let status = completion.completions(for: "$response.body#/data/st")
    #expect(status == ["$response.body#/data/status", "$response.body#/data/status_humanized"])
  }

  @Test func secretsNeverPrint() async throws {
    let (out, _) = try await Self.session([":print $inputs", "$inputs.token", ":step", ":request"])
    #expect(!out.contains("demo-token"))
    #expect(out.contains("Authorization: REDACTED"))
  }

  /// A value set for a secret input is a secret: the confirmation, `:print`, `:eval` and an
  /// evaluation show REDACTED, and so does a recording of the requests that send it.
  @Test func setMakesASecretInputsValueSecret() async throws {
    let (out, engine) = try await Self.session(
      [
        ":set $inputs.token = brand-new-token", ":print $inputs", ":eval $inputs.token",
        "$inputs.token", ":step", ":request",
      ])
    // Only the echo of the typed command itself shows it.
    let printed = out.replacing(") :set $inputs.token = brand-new-token\n", with: ")\n")
    #expect(!printed.contains("brand-new-token"), "\(out)")
    #expect(out.contains("$inputs.token = \"REDACTED\""))
    #expect(out.contains("Authorization: REDACTED"))
    let har = JSONPrinter.compact(engine.exchanges.json)
    #expect(!har.contains("brand-new-token"))
  }
}
