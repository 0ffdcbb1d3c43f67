import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import ArgumentParser
import Foundation
import LineEditor

/// `arazzo debug`: run a workflow under the debugger, paused before its first step.
struct DebugCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "debug",
    abstract: "Debug an Arazzo workflow: step through it, inspect, explain and change course.",
    discussion: """
      Takes run's options and starts paused before the first step; type :help at the prompt. \
      On a terminal the prompt has line editing, history and Tab completion. With stdin piped \
      (or --no-edit) lines are read plainly and no prompt is printed, so sessions can be \
      scripted; --echo prints each command after its prompt:

        arazzo debug FILE --replay run.har --inputs in.json --echo < commands.txt

      Request durations are shown only on a terminal, so scripted transcripts repeat byte for \
      byte. Exit status: 0 after :quit or the end of input, 2 when the document is invalid \
      (as in run), for usage errors and bad inputs.
      """)

  @Argument(help: "The Arazzo document (YAML or JSON).")
  var file: String

  @OptionGroup var arguments: RunArguments

  @Option(
    help: ArgumentHelp(
      "Run these debugger commands first, then read from stdin.", valueName: "FILE"))
  var commands: String?

  @Flag(help: "Read plain lines even on a terminal (no line editing, history or completion).")
  var noEdit = false

  @Option(
    help: ArgumentHelp(
      "The history file (default: under $XDG_STATE_HOME or ~/.local/state; '' for none).",
      valueName: "FILE"))
  var history: String?

  @Flag(help: "Print each command after its prompt, so a piped session reads like a typed one.")
  var echo = false

  func run() async throws {
    var script: [String]?
    if let commands {
      let data: [UInt8]
      switch RegularFile.read(commands) {
      case .success(let bytes): data = bytes
      case .failure(let failure):
        Terminal.standardError.writeLine("error: " + RegularFile.message(failure, path: commands))
        throw ExitCode(2)
      }
      script = String(decoding: data, as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false
      )
      .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
      if script?.last == "" { script?.removeLast() }
    }
    let plan = try arguments.plan(file: file)
    let arguments = self.arguments
    let engine: DebugEngine
    do {
      engine = try DebugEngine(
        DebugConfiguration(plan: plan, makeTransport: { try arguments.baseTransport(plan) }))
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Terminal.standardError.writeLine("error: \(error)")
      throw ExitCode(2)
    }
    let completion = DebugCompletion()
    let terminal = standardLineSource(
      historyPath: history, forcePlain: noEdit, completion: completion)
    let input: any LineSource =
      script.map { ChainedLineSource(script: $0, then: terminal) } ?? terminal
    let shell = DebugShell(
      engine: engine, input: input,
      options: ShellOptions(echo: echo, showDurations: terminal.isInteractive),
      completion: completion, write: { Terminal.standardOutput.write($0) })
    await shell.run()
    await engine.shutdown()
    if let record = arguments.record {
      do { _ = try engine.save(to: record) } catch {
        Terminal.standardError.writeLine("error: cannot write '\(record)': \(error)")
      }
    }
  }
}
