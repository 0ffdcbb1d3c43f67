import ArazzoJSON
import ArazzoSyntax

/// One lesson of the tour, read from its folder's `lesson.yaml`: what it teaches (`title`, the
/// spec section it comes from), the run it debugs (`document`, `recording`, `workflow`,
/// `inputs`), and its exercises. Lessons are data: adding one is adding a folder.
public struct Lesson: Sendable {
  /// The folder's name (`03-outputs-and-steps`): how the tour orders, names and remembers it.
  public var name: String
  /// The folder.
  public var folder: String
  public var title: String
  /// The spec section the lesson comes from (`Arazzo 1.0.1 §4.8 Runtime Expressions`).
  public var spec: String
  /// The Arazzo document, relative to the folder.
  public var document: String
  /// The HAR recording that answers its requests, relative to the folder.
  public var recording: String
  /// The workflow to debug (nil: the document's first).
  public var workflow: String?
  /// The run's inputs (nil: the schema's defaults).
  public var inputs: JSONValue?
  /// Said before the first exercise.
  public var intro: String
  public var exercises: [Exercise]
  /// Said after the last one.
  public var outro: String?

  /// The folder name without its `NN-` ordering prefix (`outputs-and-steps`).
  public var shortName: String {
    guard let dash = name.firstIndex(of: "-"), name[..<dash].allSatisfy(\.isNumber) else {
      return name
    }
    return String(name[name.index(after: dash)...])
  }

  /// The path of `relative` inside the lesson's folder.
  public func path(_ relative: String) -> String { folder + "/" + relative }
}

/// One exercise: prose, what to type, what must then be true of the session, and what to say
/// about it.
public struct Exercise: Sendable {
  /// The explanation before the prompt.
  public var text: String
  /// What to type (shown as `try: …`); the checks, not this text, decide whether it passed.
  public var tryText: String
  /// Every one must hold after a command for the exercise to pass.
  public var checks: [TourCheck]
  /// Said when a command did not pass.
  public var hint: String
  /// Said once it passed: what happened and why.
  public var explain: String
}

/// Why a lesson file cannot be used: `file:line: message`.
public struct LessonError: Error, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message` (`file: message` when no line applies).
  public var description: String {
    line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
  }
}

/// Reads `lesson.yaml` into a `Lesson`, naming the line of every mistake.
public enum LessonParser {
  /// The lesson file's name inside a lesson folder.
  public static let fileName = "lesson.yaml"

  static let lessonKeys = [
    "title", "spec", "document", "recording", "workflow", "inputs", "intro", "exercises", "outro",
  ]
  static let exerciseKeys = ["text", "try", "checks", "hint", "explain"]
  /// At most this many exercises per lesson, and checks per exercise.
  static let maxExercises = 20
  static let maxChecks = 10

  /// Reads the lesson in `folder` (named `name`).
  public static func load(folder: String, name: String) throws(LessonError) -> Lesson {
    let path = folder + "/" + fileName
    switch DocumentLoader.load(path: path) {
    case .failure(let failure):
      let first = failure.diagnostics.first
      throw LessonError(
        file: path, line: first?.span?.start.line ?? 1,
        first?.message ?? "cannot read the lesson file")
    case .success(let loaded):
      return try parse(loaded, folder: folder, name: name)
    }
  }

  /// Builds the lesson from a loaded `lesson.yaml`.
  static func parse(
    _ loaded: LoadedDocument, folder: String, name: String
  ) throws(LessonError) -> Lesson {
    let reader = Reader(loaded: loaded)
    let root = JSONPointer()
    try reader.onlyKeys(lessonKeys, at: root, what: "a lesson")
    let list = try reader.array("exercises", at: root)
    guard !list.isEmpty, list.count <= maxExercises else {
      throw reader.error(
        at: root.appending("exercises"), "a lesson has 1 to \(maxExercises) exercises")
    }
    var exercises: [Exercise] = []
    for index in list.indices {
      exercises.append(try exercise(reader, at: root.appending("exercises").appending(index)))
    }
    let inputs = loaded.root["inputs"]
    if let inputs, inputs.objectValue == nil {
      throw reader.error(at: root.appending("inputs"), "'inputs' must be an object")
    }
    let lesson = Lesson(
      name: name, folder: folder, title: try reader.string("title", at: root),
      spec: try reader.string("spec", at: root), document: try reader.string("document", at: root),
      recording: try reader.string("recording", at: root),
      workflow: try reader.optionalString("workflow", at: root), inputs: inputs,
      intro: try reader.string("intro", at: root), exercises: exercises,
      outro: try reader.optionalString("outro", at: root))
    for (key, file) in [("document", lesson.document), ("recording", lesson.recording)] {
      if file.hasPrefix("/") || file.split(separator: "/").contains("..") {
        throw reader.error(
          at: root.appending(key), "'\(key)' must name a file inside the lesson's folder")
      }
    }
    return lesson
  }

  private static func exercise(
    _ reader: Reader, at pointer: JSONPointer
  ) throws(LessonError)
    -> Exercise
  {
    try reader.onlyKeys(exerciseKeys, at: pointer, what: "an exercise")
    let items = try reader.array("checks", at: pointer)
    guard !items.isEmpty, items.count <= maxChecks else {
      throw reader.error(
        at: pointer.appending("checks"), "an exercise has 1 to \(maxChecks) checks")
    }
    var checks: [TourCheck] = []
    for (i, item) in items.enumerated() {
      let at = pointer.appending("checks").appending(i)
      guard let text = item.stringValue else { throw reader.error(at: at, "a check is a string") }
      do {
        checks.append(try TourCheck.parse(text))
      } catch {
        throw reader.error(at: at, "check '\(text)': \(error.message)")
      }
    }
    return Exercise(
      text: try reader.string("text", at: pointer), tryText: try reader.string("try", at: pointer),
      checks: checks, hint: try reader.string("hint", at: pointer),
      explain: try reader.string("explain", at: pointer))
  }

  /// Typed access to the loaded YAML, with errors at the line of the value concerned.
  struct Reader {
    let loaded: LoadedDocument

    func error(at pointer: JSONPointer, _ message: String) -> LessonError {
      LessonError(
        file: loaded.file.path, line: loaded.map.span(at: pointer).start.line, message)
    }

    func value(at pointer: JSONPointer) -> JSONValue? {
      var value: JSONValue? = loaded.root
      for token in pointer.tokens {
        if let index = JSONPointer.arrayIndex(token), let array = value?.arrayValue {
          value = index < array.count ? array[index] : nil
        } else {
          value = value?.objectValue?[token]
        }
      }
      return value
    }

    func onlyKeys(_ keys: [String], at pointer: JSONPointer, what: String) throws(LessonError) {
      guard let object = value(at: pointer)?.objectValue else {
        throw error(at: pointer, "\(what) must be a mapping")
      }
      for key in object.keys where !keys.contains(key) {
        throw error(
          at: pointer.appending(key),
          "unknown key '\(key)' in \(what); expected \(keys.joined(separator: ", "))")
      }
    }

    func optionalString(_ key: String, at pointer: JSONPointer) throws(LessonError) -> String? {
      guard let found = value(at: pointer.appending(key)) else { return nil }
      guard let text = found.stringValue, !text.isEmpty else {
        throw error(at: pointer.appending(key), "'\(key)' must be a non-empty string")
      }
      return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    func string(_ key: String, at pointer: JSONPointer) throws(LessonError) -> String {
      guard let text = try optionalString(key, at: pointer) else {
        throw error(at: pointer, "missing '\(key)'")
      }
      return text
    }

    func array(_ key: String, at pointer: JSONPointer) throws(LessonError) -> [JSONValue] {
      guard let found = value(at: pointer.appending(key)) else {
        throw error(at: pointer, "missing '\(key)'")
      }
      guard let array = found.arrayValue else {
        throw error(at: pointer.appending(key), "'\(key)' must be a list")
      }
      return array
    }
  }
}
