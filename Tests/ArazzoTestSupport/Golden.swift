import Foundation

/// Paths and golden-file helpers shared by the test targets.
public enum TestPaths {
  /// The package root (three levels above this file).
  public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The shared folder beside the checkout, or `ARAZZO_SHARED` when set.
  public static let shared: URL = {
    if let env = ProcessInfo.processInfo.environment["ARAZZO_SHARED"] {
      return URL(fileURLWithPath: env)
    }
    return root.deletingLastPathComponent().appendingPathComponent("shared")
  }()

  /// The built `arazzo` executable (`ARAZZO_BIN`, else next to the test bundle, else under
  /// `.build/debug`): what the CLI and DAP tests run.
  public static let arazzo: URL = {
    if let env = ProcessInfo.processInfo.environment["ARAZZO_BIN"] {
      return URL(fileURLWithPath: env)
    }
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for dir in [
      here, here.deletingLastPathComponent(), root.appendingPathComponent(".build/debug"),
    ] {
      let candidate = dir.appendingPathComponent("arazzo")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return root.appendingPathComponent(".build/debug/arazzo")
  }()

  /// The seed document inside the repository.
  public static let seed: URL = root.appendingPathComponent(
    "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
}

/// The outcome of comparing text with a golden file.
public enum GoldenResult: Equatable, CustomStringConvertible {
  case matched
  /// The golden file was missing or `ARAZZO_RECORD=1` was set: it was written.
  case recorded(String)
  case mismatched(expected: String, actual: String)

  public var description: String {
    switch self {
    case .matched: return "matched"
    case .recorded(let path): return "recorded new baseline at \(path); review it and re-run"
    case .mismatched(let expected, let actual):
      return "golden mismatch\n--- expected\n\(expected)\n--- actual\n\(actual)"
    }
  }
}

/// Compares `actual` with the file at `url`; records it when missing or when `ARAZZO_RECORD=1`.
public func compareGolden(_ actual: String, to url: URL) -> GoldenResult {
  let record = ProcessInfo.processInfo.environment["ARAZZO_RECORD"] == "1"
  if !record, let expected = try? String(contentsOf: url, encoding: .utf8) {
    return expected == actual ? .matched : .mismatched(expected: expected, actual: actual)
  }
  do {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try actual.write(to: url, atomically: true, encoding: .utf8)
  } catch {
    return .mismatched(expected: "<unwritable \(url.path): \(error)>", actual: actual)
  }
  return .recorded(url.path)
}
