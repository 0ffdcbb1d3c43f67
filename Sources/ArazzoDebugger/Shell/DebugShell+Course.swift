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
      var line = "\(temporary ? "temporary breakpoint" : "breakpoint") \(breakpoint.number): \(breakpoint.resolved)"
      if let condition = breakpoint.conditionText { line += " if \(condition)" }
      say(line)
    } catch {
      fail(error.message)
    }
  }

  func deleteBreakpoints(_ argument: String) {
    if argument.isEmpty {
      let count = engine.breakpoints.all.count
      engine.breakpoints.deleteAll()
      say(count == 0 ? "no breakpoints" : "deleted \(count == 1 ? "the breakpoint" : "all \(count) breakpoints")")
      return
    }
    for word in argument.split(separator: " ") {
      guard let n = Int(word) else { return fail(":delete takes breakpoint numbers (:breakpoints lists them)") }
      if engine.breakpoints.delete(n) { say("deleted breakpoint \(n)") } else { fail("no breakpoint \(n)") }
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
    say("  #  " + "where".padding(toLength: width, withPad: " ", startingAt: 0) + "  hits  condition")
    for b in all {
      var line = String(b.number).leftPadded(3) + "  " + b.resolved.padding(toLength: width, withPad: " ", startingAt: 0)
      line += "  " + String(b.hits).leftPadded(4) + "  " + (b.conditionText ?? "-")
      if b.temporary { line += "  (temporary)" }
      say(line)
    }
  }

  // MARK: Changing course

  /// `:set $inputs.NAME = VALUE`: VALUE is JSON, or else a bare string.
  func setInput(_ argument: String) {
    guard let equals = argument.firstIndex(of: "=") else {
      return fail(":set needs $inputs.NAME = VALUE (:set $inputs.jobId = 42)")
    }
    let target = argument[..<equals].trimmingCharacters(in: .whitespaces)
    let text = argument[argument.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    guard target.hasPrefix("$inputs."), target.count > "$inputs.".count else {
      return fail(":set changes workflow inputs only: :set $inputs.NAME = VALUE (got '\(target)')")
    }
    let name = String(target.dropFirst("$inputs.".count))
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
    guard !argument.isEmpty else { return fail(":goto needs a step id (:goto pollRun)") }
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
  func restart(_ argument: String) async {
    var inputs = engine.inputs
    if !argument.isEmpty {
      let assignments: [String]
      switch Self.words(argument) {
      case .success(let words): assignments = words
      case .failure(let f): return fail(":restart: \(f.message)")
      }
      for a in assignments where !a.contains("=") {
        return fail(":restart takes NAME=VALUE inputs, got '\(a)'")
      }
      let schema = engine.program.workflows[engine.run.workflowIndex].inputs
      let binding = InputBinder(schema: schema).bind(arguments: assignments, file: inputs)
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

  /// Splits `text` into words at blanks, as a shell would: single quotes keep everything,
  /// double quotes keep blanks (and `\"`), a backslash outside quotes escapes the next character
  /// (`:restart cause="two words"`).
  static func words(_ text: String) -> Result<[String], ShellError> {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for c in text {
      if escaped {
        word.append(c)
        escaped = false
      } else if let q = quote {
        if c == q {
          quote = nil
        } else if c == "\\", q == "\"" {
          escaped = true
        } else {
          word.append(c)
        }
      } else if c == "'" || c == "\"" {
        quote = c
        inWord = true
      } else if c == "\\" {
        escaped = true
        inWord = true
      } else if c == " " || c == "\t" {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(c)
        inWord = true
      }
    }
    if let quote { return .failure(ShellError("unclosed \(quote) quote")) }
    if escaped { return .failure(ShellError("a backslash ends the line")) }
    if inWord { words.append(word) }
    return .success(words)
  }

  /// `:save FILE.har`: the session's exchanges, redacted as `--record` writes them.
  func save(_ argument: String) {
    guard !argument.isEmpty else { return fail(":save needs a file name (:save session.har)") }
    do {
      let count = try engine.save(to: argument)
      say("saved \(count) exchange\(count == 1 ? "" : "s") to \(argument)")
    } catch {
      fail("cannot write '\(argument)': \(error.message)")
    }
  }
}
