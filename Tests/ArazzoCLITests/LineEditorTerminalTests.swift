import ArazzoTestSupport
import Foundation
import Testing

/// The debugger's line editor in a real terminal (tmux), through `line-editor-probe`: a stand-in
/// for `arazzo debug`'s prompt that reads lines with `standardLineSource` and a small fixed
/// completion table (`:break :continue :help :next :quit :step :stepi`, and `$inputs.`,
/// `$response.body#/`, `$statusCode`, `$steps.`) and prints `ran LINE` for each.
@Suite(.serialized) struct LineEditorTerminalTests {
  static let prompt = "(probe)"

  @Test func tabCompletesOneCandidateWithASpace() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.type(":co")
    try session.press("Tab")
    try Probe.waitForLine(session, "(probe) :continue")
    try session.type("now")
    try session.press("Enter")
    try session.waitFor("ran :continue now")
  }

  @Test func tabCompletesTheCommonPrefixThenListsTheCandidates() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.type(":st")
    try session.press("Tab")
    try Probe.waitForLine(session, "(probe) :step")
    try session.press("Tab")
    let screen = try session.waitFor(":step   :stepi")
    #expect(
      try session.lines().last == "(probe) :step", "the line is redrawn under the list:\n\(screen)")
    try session.type("i")
    try session.press("Enter")
    try session.waitFor("ran :stepi")
  }

  @Test func aCandidateEndingInADotGetsNoSpace() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.type(":eval $st")
    try session.press("Tab")
    try session.waitFor("$statusCode  $steps.")
    try Probe.waitForLine(session, "(probe) :eval $st")
    try session.type("e")
    try session.press("Tab")
    try Probe.waitForLine(session, "(probe) :eval $steps.")
    try session.type("a")
    try session.press("Enter")
    try session.waitFor("ran :eval $steps.a")
  }

  @Test func noCandidateLeavesTheLineAlone() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.type(":zz")
    try session.press("Tab")
    try session.type("!")
    try Probe.waitForLine(session, "(probe) :zz!")
  }

  @Test func historyIsRecalledInTheNextSession() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let first = try Probe.start(home: home)
    for command in [":step", ":eval $steps.a"] {
      try first.type(command)
      try first.press("Enter")
      try first.waitFor("ran \(command)")
    }
    try first.press("C-d")
    #expect(try first.exitStatus() == 0)
    first.close()
    let file = home.appending(".local/state/arazzo/history")
    #expect(FileManager.default.fileExists(atPath: file.path), "the XDG default location")
    let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600, "readable by its owner only")

    let second = try Probe.start(home: home)
    try second.press("Up")
    try Probe.waitForLine(second, "(probe) :eval $steps.a")
    try second.press("Up")
    try Probe.waitForLine(second, "(probe) :step")
    try second.press("Enter")
    try second.waitFor("ran :step")
  }

  @Test func historyPathOverrideAndNoHistory() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let named = home.appending("named-history")
    let session = try Probe.start(home: home, environment: ["ARAZZO_HISTORY": named.path])
    try session.type(":help")
    try session.press("Enter")
    try session.waitFor("ran :help")
    #expect(FileManager.default.fileExists(atPath: named.path))

    let none = try Probe.start(home: home, arguments: ["--history", ""])
    try none.type(":next")
    try none.press("Enter")
    try none.waitFor("ran :next")
    try none.press("Up")
    try Probe.waitForLine(none, "(probe) :next")
    try none.press("C-u")
    try Probe.waitForLine(none, LineEditorTerminalTests.prompt)
    try none.press("C-d")
    #expect(try none.exitStatus() == 0)
    #expect(!FileManager.default.fileExists(atPath: home.appending(".local").path))
  }

  @Test func aFileThatIsNotAHistoryIsLeftAlone() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let notes = home.appending("notes.txt")
    try "my precious notes\n".write(to: notes, atomically: true, encoding: .utf8)
    let session = try Probe.start(home: home, arguments: ["--history", notes.path])
    try session.type(":step")
    try session.press("Enter")
    let screen = try session.waitFor("ran :step")
    #expect(screen.contains("arazzo: warning: cannot read the history file"), "\(screen)")
    #expect(try String(contentsOf: notes, encoding: .utf8) == "my precious notes\n")
  }

  @Test func ctrlCAbandonsTheLineAndPromptsAgain() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.type("half a line")
    try session.press("C-c")
    try Probe.waitForLine(session, Self.prompt)
    try session.type(":help")
    try session.press("Enter")
    let screen = try session.waitFor("ran :help")
    #expect(!screen.contains("ran half"), "\(screen)")
  }

  @Test func ctrlCWhileRunningIsTakenByThePollingEngine() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.type(":work")
    try session.press("Enter")
    try session.waitFor("working; Ctrl-C pauses")
    try session.press("C-c")
    try session.waitFor("paused by Ctrl-C")
    try Probe.waitForLine(session, Self.prompt)
    try session.type("still here")
    try session.press("Enter")
    try session.waitFor("ran still here")
  }

  @Test func ctrlDOnAnEmptyLineQuits() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.press("C-d")
    let screen = try session.waitFor("bye")
    #expect(try session.exitStatus() == 0)
    #expect(screen.contains("(probe) ^D\nbye"), "a newline after the echoed ^D:\n\(screen)")
  }

  @Test func unicodeIsEditedAsCharacters() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home)
    try session.type("héllo wörld")
    try session.press("BSpace", "BSpace")
    try session.press("Enter")
    try session.waitFor("ran héllo wör")
  }

  @Test func noEditReadsPlainlyOnATerminal() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let session = try Probe.start(home: home, arguments: ["--no-edit"])
    try session.type("plain")
    try session.press("Enter")
    let screen = try session.waitFor("ran plain")
    #expect(!screen.contains(Self.prompt), "no prompt:\n\(screen)")
  }

  @Test func pipedInputHasNoPromptAndWritesNoHistory() throws {
    let home = try TemporaryFolder(prefix: "arazzo-probe")
    let result = try Probe.runPiped(
      ":step\n:eval $st\t\n\n:quit\n", home: home,
      environment: ["ARAZZO_HISTORY": home.appending("history").path])
    #expect(result.status == 0)
    #expect(result.stdout == "ran :step\nran :eval $st\t\nran \nbye\n")
    #expect(result.stderr == "")
    #expect(try FileManager.default.contentsOfDirectory(atPath: home.url.path).isEmpty)
  }
}

/// Starting `line-editor-probe`: in tmux for the terminal tests, through pipes for the other.
enum Probe {
  /// The built probe, found where `CLI.binary` finds `arazzo`.
  static let binary: URL = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for dir in [
      here, here.deletingLastPathComponent(), CLI.root.appendingPathComponent(".build/debug"),
    ] {
      let candidate = dir.appendingPathComponent("line-editor-probe")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return CLI.root.appendingPathComponent(".build/debug/line-editor-probe")
  }()

  /// The probe in a terminal with `home` as its home folder, once its first prompt shows.
  static func start(
    home: TemporaryFolder, arguments: [String] = [], environment: [String: String] = [:]
  ) throws -> TerminalSession {
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      throw ProbeMissing(path: binary.path)
    }
    let session = try TerminalSession(
      [binary.path] + arguments, home: home, environment: environment)
    if !arguments.contains("--no-edit") { try waitForLine(session, LineEditorTerminalTests.prompt) }
    return session
  }

  /// Waits until the last line on screen is `line` (the line being edited).
  static func waitForLine(_ session: TerminalSession, _ line: String) throws {
    try session.waitUntil("the last line to be \(String(reflecting: line))") {
      $0.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) == line
    }
  }

  /// The probe with `input` on a pipe as its standard input.
  static func runPiped(
    _ input: String, home: TemporaryFolder, environment: [String: String]
  ) throws -> CLIResult {
    let process = Process()
    process.executableURL = binary
    process.environment = ["HOME": home.url.path, "PATH": "/usr/bin:/bin"].merging(environment) {
      $1
    }
    let out = Pipe()
    let err = Pipe()
    let inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    try process.run()
    inp.fileHandleForWriting.write(Data(input.utf8))
    try inp.fileHandleForWriting.close()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
      stdout: String(decoding: output, as: UTF8.self),
      stderr: String(decoding: errors, as: UTF8.self), status: process.terminationStatus)
  }
}

/// The probe was not built (`swift build` builds it; `swift build --build-tests` too).
struct ProbeMissing: Error, CustomStringConvertible {
  var path: String
  var description: String {
    "\(path) is missing: build it with `swift build --product line-editor-probe`"
  }
}
