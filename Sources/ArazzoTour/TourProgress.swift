import ArazzoJSON
import Foundation

/// What the learner has done, kept between sessions in a small JSON file:
/// `{"finished": ["01-runtime-expressions"], "current": "02-success-criteria"}`.
public struct TourProgress: Sendable, Equatable {
  /// The lessons finished, by folder name.
  public var finished: [String] = []
  /// The lesson to continue with (nil: the first unfinished).
  public var current: String?

  public init(finished: [String] = [], current: String? = nil) {
    self.finished = finished
    self.current = current
  }

  /// The progress file at `path`: none yet is a fresh start; one that cannot be read as
  /// progress is ignored, with a warning for the learner (never an error).
  public static func load(path: String) -> (progress: TourProgress, warning: String?) {
    guard FileManager.default.fileExists(atPath: path) else { return (TourProgress(), nil) }
    guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20,
      let json = try? JSONParser.parse(bytes: Array(data)),
      let object = json.objectValue
    else {
      return (
        TourProgress(), "ignoring the tour's progress file '\(path)': it is not a JSON object"
      )
    }
    var progress = TourProgress()
    for value in object["finished"]?.arrayValue ?? [] {
      if let name = value.stringValue, !progress.finished.contains(name) {
        progress.finished.append(name)
      }
    }
    progress.current = object["current"]?.stringValue
    return (progress, nil)
  }

  /// Writes the progress to `path`; false when it cannot.
  public func save(path: String) -> Bool {
    var object = JSONObject()
    object["finished"] = .array(finished.map { .string($0) })
    if let current { object["current"] = .string(current) }
    let text = JSONPrinter.compact(.object(object)) + "\n"
    return (try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)) != nil
  }
}
