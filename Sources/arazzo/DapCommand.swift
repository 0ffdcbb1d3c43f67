import ArazzoDAP
import ArgumentParser
import Foundation

/// `arazzo dap`: the debugger for editors, through the Debug Adapter Protocol on stdin/stdout.
struct DapCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dap",
    abstract: "Serve the debugger to an editor over the Debug Adapter Protocol (stdio).",
    discussion: """
      Speaks DAP on stdin and stdout, for VS Code, nvim-dap, Helix, Emacs dape, Zed and \
      JetBrains. The editor starts it and sends launch with the document, inputs, replay, \
      breakpoints and stopOnEntry (README, "Debugging in an editor"). Only protocol frames go \
      to stdout; log lines go to stderr, or to --log. It exits when the editor disconnects or \
      closes stdin.
      """)

  @Option(help: ArgumentHelp("Append log lines to this file instead of stderr.", valueName: "FILE"))
  var log: String?

  func run() async throws {
    // A client that has gone must end the adapter, not a SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    let sink = try LogSink(path: log)
    await DAPStdio.serve(handlers: .inspector, log: { sink.write($0) })
  }
}

/// Where `arazzo dap` logs: stderr, or a file appended to.
private final class LogSink: Sendable {
  private let handle: FileHandle

  init(path: String?) throws {
    guard let path else {
      handle = FileHandle.standardError
      return
    }
    if !FileManager.default.fileExists(atPath: path) {
      FileManager.default.createFile(atPath: path, contents: nil)
    }
    guard let file = FileHandle(forWritingAtPath: path) else {
      Terminal.standardError.writeLine("error: cannot write '\(path)'")
      throw ExitCode(2)
    }
    file.seekToEndOfFile()
    handle = file
  }

  func write(_ line: String) {
    handle.write(Data(("arazzo dap: " + line + "\n").utf8))
  }
}
