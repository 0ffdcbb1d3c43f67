import ArazzoDebugger
import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import Foundation

/// `arazzo tour`: the lessons, one after another, each a real debugging session.
///
/// A lesson starts its document under the debugger (`RunPlan`, then `DebugEngine` and
/// `DebugShell`, with its HAR recording as the transport, so it runs offline), says what it
/// teaches, then for each exercise reads the learner's debugger commands until the exercise's
/// checks hold in the engine's state. The tour adds four words of its own at the prompt:
/// `:hint`, `:again`, `:skip` and `:quit` (which stops the tour; progress is kept).
public final class Tour {
  let library: LessonLibrary
  let progressPath: String?
  let input: any LineSource
  let options: ShellOptions
  let completion: DebugCompletion?
  let write: (String) -> Void
  var progress = TourProgress()

  /// The tour's own commands, said at the start of each lesson.
  static let commands = """
    Type the commands the exercises ask for. :hint gives a hint, :again repeats the exercise,
    :skip skips it, :quit stops (`arazzo tour` continues where you left off).
    """

  public init(
    library: LessonLibrary, progressPath: String?, input: any LineSource, options: ShellOptions,
    completion: DebugCompletion? = nil, write: @escaping (String) -> Void
  ) {
    self.library = library
    self.progressPath = progressPath
    self.input = input
    self.options = options
    self.completion = completion
    self.write = write
  }

  // MARK: Progress and the list

  /// Reads the progress file; a warning when it was ignored.
  public func loadProgress() -> String? {
    guard let progressPath else { return nil }
    let (loaded, warning) = TourProgress.load(path: progressPath)
    progress = loaded
    return warning
  }

  private func saveProgress() {
    guard let progressPath else { return }
    if !progress.save(path: progressPath) {
      say("warning: cannot write the tour's progress to '\(progressPath)'")
    }
  }

  /// `--list`: each lesson numbered, ✓ when finished, → where `arazzo tour` continues.
  public func list() -> String {
    let next = startIndex()
    let width = library.lessons.map(\.shortName.count).max() ?? 0
    var lines: [String] = []
    for (i, lesson) in library.lessons.enumerated() {
      let mark = progress.finished.contains(lesson.name) ? "✓" : (i == next ? "→" : " ")
      let name = lesson.shortName.padding(toLength: width, withPad: " ", startingAt: 0)
      let number = i < 9 ? " \(i + 1)" : "\(i + 1)"
      lines.append("\(mark) \(number)  \(name)  \(lesson.title)")
    }
    let done = library.lessons.filter { progress.finished.contains($0.name) }.count
    lines.append("\(done) of \(library.lessons.count) finished · arazzo tour N starts lesson N")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Where `arazzo tour` without an argument starts: the lesson in progress, else the first
  /// unfinished one; nil when every lesson is finished.
  public func startIndex() -> Int? {
    if let current = progress.current, let i = library.index(of: current) { return i }
    return library.lessons.firstIndex { !progress.finished.contains($0.name) }
  }

  // MARK: Running

  /// How a lesson ended.
  enum Outcome {
    case finished, quit, endOfInput
  }

  /// Runs the lessons from `start` (nil: where the learner left off) to the last, or until
  /// `:quit` or the end of input. Returns the exit status: 0, or 2 when a lesson cannot run.
  public func run(from start: Int?) async -> Int32 {
    guard let first = start ?? startIndex() else {
      say("You have finished every lesson. arazzo tour N takes lesson N again; --list lists them.")
      return 0
    }
    for index in first..<library.lessons.count {
      let lesson = library.lessons[index]
      progress.current = lesson.name
      saveProgress()
      let outcome: Outcome
      do {
        outcome = try await run(lesson, number: index + 1)
      } catch {
        write("error: \(TerminalText.escaped(error.description, keepingNewlines: true))\n")
        return 2
      }
      guard outcome == .finished else {
        say("\nStopped. `arazzo tour` continues with lesson \(index + 1), \(lesson.title).")
        return 0
      }
      if !progress.finished.contains(lesson.name) { progress.finished.append(lesson.name) }
      let next = index + 1 < library.lessons.count ? library.lessons[index + 1] : nil
      progress.current = next?.name
      saveProgress()
      guard let next else {
        say("\nThat was the last lesson: you have seen every construct of Arazzo run. Well done!")
        return 0
      }
      say("\nNext: lesson \(index + 2), \(next.title). Press Enter to go on, :quit to stop.")
      guard case .line(let line) = input.readLine(prompt: Self.nextPrompt) else { return 0 }
      if options.echo { write(Self.nextPrompt + TerminalText.escaped(line) + "\n") }
      if case .command(.quit, _) = parseInput(line) {
        say("`arazzo tour` continues with lesson \(index + 2).")
        return 0
      }
    }
    return 0
  }

  /// The prompt between lessons.
  static let nextPrompt = "(tour · next lesson) "

  /// One lesson: its debugging session, exercise by exercise.
  func run(_ lesson: Lesson, number: Int) async throws(TourError) -> Outcome {
    let session = try LessonSession(lesson: lesson)
    let shell = DebugShell(
      engine: session.engine, input: input, options: options, completion: completion, write: write)
    say(
      "\n━━ Lesson \(number) of \(library.lessons.count) · \(lesson.title) ━━\nfrom \(lesson.spec)\n"
    )
    say(lesson.intro)
    say("\n" + Self.commands + "\n")
    if !session.warnings.isEmpty { say(session.warnings) }
    shell.start()
    for (n, exercise) in lesson.exercises.enumerated() {
      say("\n── Exercise \(n + 1) of \(lesson.exercises.count) ──\n" + exercise.text)
      say("  try: " + exercise.tryText)
      let outcome = await attempt(exercise, in: shell)
      if outcome != .finished {
        await session.engine.shutdown()
        return outcome
      }
    }
    await session.engine.shutdown()
    if let outro = lesson.outro { say("\n" + outro) }
    say("\n✓ Lesson \(number) finished.")
    return .finished
  }

  /// Reads commands until `exercise` passes (or is skipped); `.quit`/`.endOfInput` stop.
  private func attempt(_ exercise: Exercise, in shell: DebugShell) async -> Outcome {
    while true {
      let prompt = shell.prompt
      let first: String
      switch input.readLine(prompt: prompt) {
      case .end: return .endOfInput
      case .interrupted: continue
      case .line(let line): first = line
      }
      if options.echo { write(prompt + TerminalText.escaped(first) + "\n") }
      switch first.trimmingCharacters(in: .whitespaces) {
      case ":hint":
        say("hint: " + exercise.hint)
        continue
      case ":again":
        say(exercise.text + "\n  try: " + exercise.tryText)
        continue
      case ":skip":
        say("Skipped. " + exercise.explain)
        return .finished
      default: break
      }
      if case .command(.quit, _) = parseInput(first) { return .quit }
      guard let line = shell.continued(first) else { continue }
      if !line.trimmingCharacters(in: .whitespaces).isEmpty { input.addHistory(line) }
      shell.record = ShellRecord()
      await shell.execute(line)
      let results = exercise.checks.map { (check: $0, outcome: $0.evaluate(in: shell)) }
      if let failed = results.first(where: { !$0.outcome.passed }) {
        let wants = "this exercise wants \(failed.check.expectation)"
        if shell.record.error != nil {
          say("✗ not yet: that command failed (see above), and \(wants).")
        } else {
          let actual = failed.outcome.actual
          say("✗ not yet: \(wants); \(actual)" + (actual.last?.isPunctuation == true ? "" : "."))
        }
        say("  hint: " + exercise.hint)
        continue
      }
      say("✓ " + exercise.explain)
      return .finished
    }
  }

  /// Writes lesson text: control characters other than line breaks escaped.
  func say(_ text: String) {
    write(TerminalText.escaped(text, keepingNewlines: true) + "\n")
  }
}

/// Why a lesson cannot run: its document or recording is wrong.
public struct TourError: Error, CustomStringConvertible {
  public var description: String
}

/// A lesson's run under the debugger: the plan (`RunPlan`, as `arazzo debug` makes it) and
/// the engine, replaying the lesson's recording.
struct LessonSession {
  let engine: DebugEngine
  /// The document's warnings, rendered (the seed's quirks, for one).
  let warnings: String

  init(lesson: Lesson) throws(TourError) {
    // The lesson runs in its folder, so the debugger names the document as the lesson does
    // (`document.arazzo.yaml:18:9`), wherever the lessons are installed.
    guard FileManager.default.changeCurrentDirectoryPath(lesson.folder) else {
      throw TourError(description: "lesson \(lesson.name): cannot enter its folder")
    }
    var request = RunRequest(
      document: lesson.document, workflow: lesson.workflow, inputs: lesson.inputs)
    request.root = lesson.folder
    let plan: RunPlan
    do {
      plan = try RunPlan(request)
    } catch {
      let shown = DiagnosticRenderer().renderBrief(error.diagnostics)
      throw TourError(description: "lesson \(lesson.name) cannot run its document:\n" + shown)
    }
    let recording = lesson.path(lesson.recording)
    let redactor = plan.redactor
    var configuration = DebugConfiguration(
      plan: plan,
      makeTransport: { try ReplayTransport(path: recording, redactor: redactor) })
    // The recording answers at once; waiting out a retry delay would teach nothing.
    configuration.sleep = { _ in }
    do {
      engine = try DebugEngine(configuration)
    } catch {
      throw TourError(description: "lesson \(lesson.name) cannot start: \(error)")
    }
    warnings = plan.warnings.isEmpty ? "" : DiagnosticRenderer().renderBrief(plan.warnings)
  }
}
