import Foundation

/// The lessons: every folder holding a `lesson.yaml` under one folder, in the order of their
/// names (`01-…`, `02-…`).
public struct LessonLibrary: Sendable {
  public var folder: String
  public var lessons: [Lesson]

  /// At most this many lessons are read.
  static let maxLessons = 100

  /// Reads every lesson in `folder`; the first lesson file that is wrong is the error.
  public init(folder given: String) throws(LessonError) {
    // Absolute: each lesson runs with its own folder as the current directory.
    let folder = URL(fileURLWithPath: given).standardizedFileURL.path
    self.folder = folder
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
      throw LessonError(file: folder, line: 0, "cannot read the lessons folder")
    }
    var lessons: [Lesson] = []
    for name in names where !name.hasPrefix(".") {
      let lessonFolder = folder + "/" + name
      guard FileManager.default.fileExists(atPath: lessonFolder + "/" + LessonParser.fileName)
      else { continue }
      guard lessons.count < Self.maxLessons else { break }
      lessons.append(try LessonParser.load(folder: lessonFolder, name: name))
    }
    guard !lessons.isEmpty else {
      throw LessonError(file: folder, line: 0, "no lesson folders (each holds a lesson.yaml)")
    }
    self.lessons = lessons
  }

  /// The lesson `key` names: its number in the list (1-based), its folder name, or its folder
  /// name without the number (`runtime-expressions`).
  public func index(of key: String) -> Int? {
    if let n = Int(key) { return n >= 1 && n <= lessons.count ? n - 1 : nil }
    return lessons.firstIndex { $0.name == key || $0.shortName == key }
  }

  /// Where the lessons are: `explicit` when given, else the `Lessons` folder the build copied
  /// next to the executable (SwiftPM's resource bundle), else the one in the source tree this
  /// binary was built from.
  public static func defaultFolder(explicit: String?) -> String? {
    if let explicit { return explicit }
    var candidates: [String] = []
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      let dir = executable.deletingLastPathComponent()
      for bundle in ["arazzo_ArazzoTour.resources", "arazzo_ArazzoTour.bundle/Contents/Resources"] {
        candidates.append(dir.appendingPathComponent(bundle + "/Lessons").path)
      }
    }
    candidates.append(
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Lessons")
        .path)
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
  }
}
