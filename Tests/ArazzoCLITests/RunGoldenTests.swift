import ArazzoTestSupport
import Foundation
import Testing

/// Runtime goldens, one behaviour each: every folder under `Fixtures/runs/` holds a
/// `workflow.arazzo.yaml` (with whatever it needs beside it, usually `openapi.yaml`), a
/// `recording.har` to replay, optional `inputs.json` and `args` (more `arazzo run` arguments,
/// split on white space), and `expected.txt`: the command, what the built binary prints on
/// stdout (text format, not a terminal), its stderr, and its exit status. Response durations
/// are written `N ms` (they vary); everything else is compared byte for byte.
/// `ARAZZO_RECORD=1` rewrites `expected.txt` from the run. See `Fixtures/runs/README.md`.
@Suite struct RunGoldenTests {
  static let directory = CLI.root.appendingPathComponent("Tests/ArazzoCLITests/Fixtures/runs")

  /// The folders holding a `workflow.arazzo.yaml`, by name.
  static var behaviours: [String] {
    let fm = FileManager.default
    let names = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter {
      fm.fileExists(atPath: directory.appendingPathComponent("\($0)/workflow.arazzo.yaml").path)
    }.sorted()
  }

  /// `run workflow.arazzo.yaml`, `--replay` and `--inputs` when the folder has those files,
  /// then the words of `args`.
  static func arguments(in folder: URL) -> [String] {
    let fm = FileManager.default
    var arguments = ["run", "workflow.arazzo.yaml"]
    if fm.fileExists(atPath: folder.appendingPathComponent("recording.har").path) {
      arguments += ["--replay", "recording.har"]
    }
    if fm.fileExists(atPath: folder.appendingPathComponent("inputs.json").path) {
      arguments += ["--inputs", "inputs.json"]
    }
    let extra = (try? String(contentsOf: folder.appendingPathComponent("args"), encoding: .utf8)) ?? ""
    return arguments + extra.split(whereSeparator: \.isWhitespace).map(String.init)
  }

  /// A response's duration on a step line (`200  0.1 ms  ok`), which varies from run to run.
  static let duration = try? NSRegularExpression(pattern: #"(  [0-9]{3})  [0-9]+(\.[0-9]+)? ms  "#)

  /// `text` with every response duration written `N ms`.
  static func normalised(_ text: String) -> String {
    guard let duration else { return text }
    let range = NSRange(text.startIndex..., in: text)
    return duration.stringByReplacingMatches(in: text, range: range, withTemplate: "$1  N ms  ")
  }

  /// The transcript `expected.txt` holds.
  static func transcript(_ arguments: [String], _ result: CLIResult) -> String {
    var text = "$ arazzo " + arguments.joined(separator: " ") + "\n" + normalised(result.stdout)
    if !result.stderr.isEmpty { text += "--- stderr\n" + normalised(result.stderr) }
    return text + "--- exit \(result.status)\n"
  }

  @Test func behavioursAreFound() {
    #expect(Self.behaviours.count >= 12, "\(Self.behaviours)")
  }

  @Test(arguments: behaviours)
  func behaviour(_ name: String) async throws {
    let folder = Self.directory.appendingPathComponent(name)
    let arguments = Self.arguments(in: folder)
    let result = try await RunCommandTests.arazzo(arguments, directory: folder)
    let golden = compareGolden(
      Self.transcript(arguments, result), to: folder.appendingPathComponent("expected.txt"))
    #expect(golden == .matched, "\(name): \(golden)")
  }
}
