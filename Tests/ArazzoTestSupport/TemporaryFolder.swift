import Foundation

/// A fresh, empty folder under the system's temporary directory, removed with everything in it
/// when the value goes away (keep it alive as long as a test or a `TerminalSession` needs it).
public final class TemporaryFolder {
  /// The folder.
  public let url: URL

  /// Creates the folder; `prefix` starts its name, to tell leftovers apart.
  public init(prefix: String = "arazzo-test") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// `url` with `path` appended.
  public func appending(_ path: String) -> URL { url.appendingPathComponent(path) }
}
