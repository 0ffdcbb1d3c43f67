import ArazzoExpressions
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime

/// Breakpoints and changes of course: `:break`, `:tbreak`, `:delete`, `:breakpoints`, `:set`,
/// `:goto`, `:retry`, `:restart`, `:save`.
extension DebugShell {
  // MARK: Breakpoints

  func addBreakpoint(_ argument: String, temporary: Bool) {
    guard !argument.isEmpty else { return listBreakpoints() }
    do {
      let breakpoint = try engine.breakpoints.add(
        argument, temporary: temporary, program: engine.program,
        current: engine.position?.workflowIndex ?? engine.run.workflowIndex)
      var line =
        "\(temporary ? "temporary breakpoint" : "breakpoint") \(breakpoint.number): \(breakpoint.resolved)"
      if let condition = breakpoint.conditionText { line += " if \(condition)" }
      say(line)
    } catch {
      fail(error.message + (error.isMissingTarget ? " (:break pollRun, :break seed.yaml:87)" : ""))
    }
  }

  /// `:delete [N…]`: the numbered breakpoints, or every one.
  func deleteBreakpoints(_ numbers: [Int]) {
    if numbers.isEmpty {
      let count = engine.breakpoints.all.count
      engine.breakpoints.deleteAll()
      say(
        count == 0
          ? "no breakpoints"
          : "deleted \(count == 1 ? "the breakpoint" : "all \(count) breakpoints")")
      return
    }
    for n in numbers {
      if engine.breakpoints.delete(n) {
        say("deleted breakpoint \(n)")
      } else {
        fail("no breakpoint \(n)")
      }
    }
  }

  /// `:breakpoints`: number, where, condition, hits.
  func listBreakpoints() {
    let all = engine.breakpoints.all
    guard !all.isEmpty else {
      say("no breakpoints; :break STEP or :break FILE:LINE sets one")
      return
    }
    let width = max(5, all.map(\.resolved.count).max() ?? 0)
    say(
      "  #  " + "where".padding(toLength: width, withPad: " ", startingAt: 0) + "  hits  condition")
    for b in all {
      var line =
        String(b.number).leftPadded(3) + "  "
        + b.resolved.padding(toLength: width, withPad: " ", startingAt: 0)
      line += "  " + String(b.hits).leftPadded(4) + "  " + (b.conditionText ?? "-")
      if b.temporary { line += "  (temporary)" }
      say(line)
    }
  }

  // MARK: Changing course

  /// `:set $inputs.NAME = VALUE`: VALUE is JSON, or else a bare string.
  func setInput(_ invocation: Invocation) {
    guard case .assignment(let name, let text) = invocation.argument else { return }
    let value: JSONValue = (try? JSONParser.parse(text)) ?? .string(text)
    do {
      let warnings = try engine.setInput(name: name, value: value)
      say("$inputs.\(name) = \(JSONPrinter.compact(value))")
      for warning in warnings { say("warning: \(warning)") }
    } catch {
      fail(error.message)
    }
  }

  /// `:goto STEP`: continue the current workflow at the start of STEP.
  func goto(_ argument: String) {
    do {
      try engine.goto(stepId: argument)
      showPause(nil)
    } catch {
      fail(error.message)
    }
  }

  /// `:retry`: send the current step's request again (the next stepping command sends it).
  func retry() {
    do {
      let stepId = try engine.retry()
      say("retrying \(stepId): its request is built and sent again by the next stepping command")
      showPause(nil)
    } catch {
      fail(error.message)
    }
  }

  /// `:restart [NAME=VALUE…]`: a fresh run (a replay starts over), inputs changed as given and
  /// typed by the input schema; breakpoints and watches stay.
  func restart(_ invocation: Invocation) async {
    var inputs = engine.inputs
    let argument = invocation.text
    if !invocation.words.isEmpty {
      let schema = engine.program.workflows[engine.run.workflowIndex].inputs
      let binding = InputBinder(schema: schema).bind(arguments: invocation.words, file: inputs)
      if let error = binding.errors.first { return fail("\(error)") }
      inputs = binding.inputs
    }
    do {
      try await engine.restart(inputs: inputs)
    } catch {
      return fail("cannot restart: \(error)")
    }
    say("restarted: run \(engine.runNumber)\(argument.isEmpty ? "" : " with " + argument)")
    showPause(nil)
  }

  /// `:save FILE.har`: the session's exchanges, redacted as `--record` writes them.
  func save(_ argument: String) {
    do {
      let count = try engine.save(to: argument)
      say("saved \(count) exchange\(count == 1 ? "" : "s") to \(argument)")
    } catch {
      fail("cannot write '\(argument)': \(error.message)")
    }
  }
}
