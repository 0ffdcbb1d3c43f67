import Foundation

/// Locates files under the project's `shared/testdata` folder.
enum SharedTestData {
  /// The `shared` folder: `$ARAZZO_SHARED` when set, else `<package root>/../shared`.
  static var sharedDirectory: URL {
    if let env = ProcessInfo.processInfo.environment["ARAZZO_SHARED"], !env.isEmpty {
      return URL(fileURLWithPath: env)
    }
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
  }

  /// The text of `testdata/<relativePath>`, or nil when it cannot be read.
  static func text(_ relativePath: String) -> String? {
    let url = sharedDirectory.appendingPathComponent("testdata").appendingPathComponent(
      relativePath)
    return try? String(contentsOf: url, encoding: .utf8)
  }
}
