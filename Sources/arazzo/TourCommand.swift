import ArazzoDebugger
import ArazzoTour
import ArgumentParser
import Foundation
import LineEditor

/// `arazzo tour`: an interactive tutorial inside the debugger, lesson by lesson.
struct TourCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tour",
    abstract: "Learn Arazzo in the debugger: short lessons, run offline from recordings.",
    usage: "arazzo tour [<lesson>] [--list] [<options>]",
    discussion: """
      Each lesson debugs a small document from its recording, explains one idea with the \
      spec section it comes from and asks you to type debugger commands; it checks what \
      the run did, not what you typed. At the prompt, :hint, :again, :skip and :quit \
      (progress is kept: `arazzo tour` continues where you left off). With stdin piped, \
      lines are read plainly and echoed after their prompt. Exit status: 0, or 2 when a \
      lesson cannot be read or run.
      """)

  @Argument(help: "The lesson to start at: its number or name (default: where you left off).")
  var lesson: String?

  @Flag(help: "List the lessons, ✓ for those finished.")
  var list = false

  @Option(
    help: ArgumentHelp(
      "The progress file (default: $ARAZZO_TOUR_PROGRESS, else under $XDG_STATE_HOME or "
        + "~/.local/state; '' for none).", valueName: "FILE"))
  var progress: String?

  @Option(help: ArgumentHelp("Read the lessons from this folder.", valueName: "DIR"))
  var lessons: String?

  @Flag(help: "Read plain lines even on a terminal (no line editing, history or completion).")
  var noEdit = false

  func run() async throws {
    guard let folder = LessonLibrary.defaultFolder(explicit: lessons) else {
      Terminal.standardError.writeLine("error: cannot find the tour's lessons; --lessons DIR")
      throw ExitCode(2)
    }
    let library: LessonLibrary
    do {
      library = try LessonLibrary(folder: folder)
    } catch {
      Terminal.standardError.writeLine("error: \(error)")
      throw ExitCode(2)
    }
    var start: Int?
    if let lesson {
      guard let index = library.index(of: lesson) else {
        let names = library.lessons.map(\.shortName).joined(separator: ", ")
        Terminal.standardError.writeLine(
          "error: no lesson '\(lesson)'; 1 to \(library.lessons.count) or a name: \(names)")
        throw ExitCode(2)
      }
      start = index
    }
    // Absolute: each lesson runs with its own folder as the current directory.
    let location = HistoryLocation.stateFile(
      "tour.json", variable: "ARAZZO_TOUR_PROGRESS", explicit: progress
    ).map { HistoryLocation(path: URL(fileURLWithPath: $0.path).path, isDefault: $0.isDefault) }
    if let location, !location.createDirectory() {
      Terminal.standardError.writeLine("warning: cannot create the folder of '\(location.path)'")
    }
    let completion = DebugCompletion()
    let terminal = standardLineSource(historyPath: nil, forcePlain: noEdit, completion: completion)
    let tour = Tour(
      library: library, progressPath: location?.path, input: terminal,
      options: ShellOptions(
        echo: !terminal.isInteractive, showDurations: terminal.isInteractive),
      completion: completion, write: { Terminal.standardOutput.write($0) })
    if let warning = tour.loadProgress() { Terminal.standardError.writeLine("warning: \(warning)") }
    if list {
      Terminal.standardOutput.write(tour.list())
      return
    }
    let status = await tour.run(from: start)
    if status != 0 { throw ExitCode(status) }
  }
}
