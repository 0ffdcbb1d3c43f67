// A stand-in for `arazzo debug`'s prompt, for the real-terminal tests and bench/prompt-ready.sh:
// reads lines through `standardLineSource` with a small fixed completion table and echoes them.
//
//   line-editor-probe [--no-edit] [--history PATH]
//
// Each line prints `ran LINE`; `:quit` or the end of input prints `bye` and exits 0. `:work`
// stands for a running `:continue`: it polls `takeInterrupt()` for up to 10 s, as the engine
// does between instructions, and says whether Ctrl-C paused it.
import ArazzoDebugger
import LineEditor

#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Completes the first word against a few debugger commands and `$` words against a few
/// context roots, the way the debugger's provider will (full replacement words).
final class ProbeCompletions: CompletionProvider {
  let commands = [":break", ":continue", ":help", ":next", ":quit", ":step", ":stepi"]
  let expressions = ["$inputs.", "$response.body#/", "$statusCode", "$steps."]

  func completions(for textLeftOfCursor: String) -> [String] {
    let word = TabCompletion.lastWord(of: textLeftOfCursor)
    let isFirstWord = textLeftOfCursor.dropLast(word.count).allSatisfy { $0 == " " }
    let table = word.hasPrefix("$") ? expressions : isFirstWord ? commands : []
    return table.filter { $0.hasPrefix(word) }
  }
}

/// Busy until Ctrl-C (at most 10 s), like a `:continue` the engine pauses between instructions.
func work(_ source: any LineSource) {
  print("working; Ctrl-C pauses")
  for _ in 0..<1000 {
    if source.takeInterrupt() {
      print("paused by Ctrl-C")
      return
    }
    usleep(10_000)
  }
  print("finished without Ctrl-C")
}

var historyPath: String?
var forcePlain = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "--no-edit": forcePlain = true
  case "--history": historyPath = arguments.popFirst() ?? ""
  default:
    fputs("usage: line-editor-probe [--no-edit] [--history PATH]\n", stderr)
    exit(2)
  }
}

let source = standardLineSource(
  historyPath: historyPath, forcePlain: forcePlain, completion: ProbeCompletions())
loop: while true {
  switch source.readLine(prompt: "(probe) ") {
  case .line(let line):
    if line == ":quit" { break loop }
    print("ran \(line)")
    source.addHistory(line)
    if line == ":work" { work(source) }
  case .interrupted:
    continue
  case .end:
    break loop
  }
}
print("bye")
