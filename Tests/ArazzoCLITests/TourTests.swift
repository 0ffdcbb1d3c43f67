import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo tour`: golden transcripts of the lessons, driven through piped stdin, and the
/// lessons folder, progress file and lesson-file errors.
///
/// Each `Fixtures/tour/*.session` file is a transcript that is both the input and the expected
/// output, as `DebugSessionTests`' are: its first line is the command (`$ arazzo tour 3`); each
/// line starting with a prompt (`(workflow · step) `, `(tour · next lesson) `) holds what the
/// learner typed. Every run starts with no progress. `ARAZZO_RECORD=1` rewrites the files.
@Suite struct TourTests {
  static let directory = CLI.root.appendingPathComponent("Tests/ArazzoCLITests/Fixtures/tour")

  static var sessions: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".session") }.sorted()
  }

  @Test(arguments: sessions)
  func session(_ name: String) async throws {
    let url = Self.directory.appendingPathComponent(name)
    let (header, arguments, input) = try DebugSessionTests.script(
      at: url, command: "$ arazzo tour")
    let folder = try TemporaryFolder(prefix: "arazzo-tour")
    let result = try await Self.arazzo(
      arguments, input: input, progress: folder.appending("tour.json").path)
    #expect(result.status == 0, "\(name): exit \(result.status)\n\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(name): \(result.stderr)")
    let golden = compareGolden(String(header) + "\n" + result.stdout, to: url)
    #expect(golden == .matched, "\(name): \(golden)")
  }

  /// Runs `arazzo ARGS` off the cooperative pool with its progress in `progress`.
  static func arazzo(
    _ arguments: [String], input: String = "", progress: String
  ) async throws -> CLIResult {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result {
            try CLI.run(arguments, input: input, environment: ["ARAZZO_TOUR_PROGRESS": progress])
          })
      }
    }
  }

  // MARK: The list and progress

  @Test func listNumbersEveryLessonAndMarksProgress() async throws {
    let folder = try TemporaryFolder(prefix: "arazzo-tour")
    let progress = folder.appending("tour.json").path
    let fresh = try await Self.arazzo(["tour", "--list"], progress: progress)
    #expect(fresh.status == 0)
    let lines = fresh.stdout.split(separator: "\n")
    #expect(lines.count == 10, "\(fresh.stdout)")
    #expect(lines.first == "→  1  runtime-expressions    Runtime expressions")
    #expect(lines.last == "0 of 9 finished · arazzo tour N starts lesson N")

    try Data(#"{"finished":["01-runtime-expressions"],"current":"03-outputs-and-steps"}"#.utf8)
      .write(to: URL(fileURLWithPath: progress))
    let later = try await Self.arazzo(["tour", "--list"], progress: progress)
    let marks = later.stdout.split(separator: "\n").prefix(3).map { $0.prefix(1) }
    #expect(marks == ["✓", " ", "→"], "\(later.stdout)")
    #expect(later.stdout.contains("1 of 9 finished"))
  }

  /// Finishing a lesson is remembered: the next `arazzo tour` starts at the following one.
  @Test func progressIsRememberedBetweenSessions() async throws {
    let folder = try TemporaryFolder(prefix: "arazzo-tour")
    let progress = folder.appending("tour.json").path
    let answers = [
      "$inputs.petId", ":step", "$statusCode", "$url", "$response.body#/name",
      "$response.header.Content-Type", ":eval {$response.body#/name} is {$response.body#/status}",
      ":quit",
    ]
    let first = try await Self.arazzo(
      ["tour"], input: answers.joined(separator: "\n") + "\n", progress: progress)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("✓ Lesson 1 finished."))
    #expect(first.stdout.contains("`arazzo tour` continues with lesson 2."))
    let saved = try String(contentsOfFile: progress, encoding: .utf8)
    #expect(
      saved == #"{"finished":["01-runtime-expressions"],"current":"02-success-criteria"}"# + "\n")
    let second = try await Self.arazzo(["tour"], input: "", progress: progress)
    #expect(second.stdout.contains("━━ Lesson 2 of 9 · Success criteria"))
    #expect(second.stdout.contains("Stopped. `arazzo tour` continues with lesson 2"))
  }

  @Test func aCorruptProgressFileIsIgnoredWithAWarning() async throws {
    let folder = try TemporaryFolder(prefix: "arazzo-tour")
    let progress = folder.appending("tour.json").path
    for text in ["{not json", "[1, 2]"] {
      try Data(text.utf8).write(to: URL(fileURLWithPath: progress))
      let result = try await Self.arazzo(["tour", "--list"], progress: progress)
      #expect(result.status == 0)
      #expect(result.stderr.contains("warning: ignoring the tour's progress file"))
      #expect(result.stderr.contains("it is not a JSON object"))
      #expect(result.stdout.contains("0 of 9 finished"))
    }
  }

  @Test func anUnknownLessonIsAUsageError() async throws {
    let folder = try TemporaryFolder(prefix: "arazzo-tour")
    let result = try await Self.arazzo(
      ["tour", "polling"], progress: folder.appending("tour.json").path)
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: no lesson 'polling'; 1 to 9 or a name:"))
  }

  @Test func aLessonIsNamedByNumberOrName() async throws {
    let folder = try TemporaryFolder(prefix: "arazzo-tour")
    for key in ["5", "polling-and-the-seed", "05-polling-and-the-seed"] {
      let result = try await Self.arazzo(
        ["tour", key], progress: folder.appending("tour.json").path)
      #expect(result.status == 0)
      #expect(result.stdout.contains("━━ Lesson 5 of 9 · Polling loops"), "\(key)")
    }
  }

  // MARK: Lesson files

  /// A lessons folder holding one lesson whose `lesson.yaml` is `text`.
  static func lessons(_ text: String) throws -> TemporaryFolder {
    let folder = try TemporaryFolder(prefix: "arazzo-lessons")
    let lesson = folder.appending("01-broken")
    try FileManager.default.createDirectory(at: lesson, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: lesson.appendingPathComponent("lesson.yaml"))
    return folder
  }

  static let goodLesson = """
    title: A lesson
    spec: "§4"
    document: document.arazzo.yaml
    recording: recording.har
    intro: Hello.
    exercises:
      - text: Step.
        try: ":step"
        checks:
          - paused after-response getPet
        hint: ":step"
        explain: Done.

    """

  @Test(arguments: [
    ("title: A lesson\ntitle: again\n", 2, "duplicate key"),
    (goodLesson.replacingOccurrences(of: "intro:", with: "intrO:"), 5, "unknown key 'intrO'"),
    (goodLesson.replacingOccurrences(of: "title: A lesson\n", with: ""), 1, "missing 'title'"),
    (
      goodLesson.replacingOccurrences(of: "paused after-response", with: "paused nearby"), 10,
      "check 'paused nearby getPet': expected 'paused (before|"
    ),
    (
      goodLesson.replacingOccurrences(of: "- paused", with: "- valued"), 10,
      "unknown check 'valued'"
    ),
    (
      goodLesson.replacingOccurrences(of: "after-response getPet", with: "before x visit 0"), 10,
      "visit N needs a number"
    ),
    (
      goodLesson.replacingOccurrences(of: "- paused after-response getPet", with: "- value {"), 10,
      "'{' is not JSON"
    ),
    (
      goodLesson.replacingOccurrences(of: "recording.har", with: "../../etc/passwd"), 4,
      "'recording' must name a file inside the lesson's folder"
    ),
    (goodLesson.replacingOccurrences(of: "    hint: \":step\"\n", with: ""), 7, "missing 'hint'"),
    ("- just\n- a list\n", 1, "a lesson must be a mapping"),
  ])
  func aBadLessonFileIsAnErrorAtItsLine(
    _ text: String, _ line: Int, _ message: String
  )
    async throws
  {
    let folder = try Self.lessons(text)
    let scratch = try TemporaryFolder(prefix: "arazzo-tour")
    let result = try await Self.arazzo(
      ["tour", "--list", "--lessons", folder.url.path],
      progress: scratch.appending("tour.json").path)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    let expected = "01-broken/lesson.yaml:\(line): "
    #expect(result.stderr.contains(expected), "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  /// A lesson whose document does not run is an error when the lesson starts, not a crash.
  @Test func aLessonWhoseDocumentIsMissingStopsWithAnError() async throws {
    let folder = try Self.lessons(Self.goodLesson)
    let scratch = try TemporaryFolder(prefix: "arazzo-tour")
    let result = try await Self.arazzo(
      ["tour", "1", "--lessons", folder.url.path], progress: scratch.appending("tour.json").path)
    #expect(result.status == 2)
    #expect(result.stdout.contains("error: lesson 01-broken cannot run its document:"))
  }
}
