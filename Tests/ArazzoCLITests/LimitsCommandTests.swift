import ArazzoTestSupport
import Foundation
import Testing

/// Deeply nested and very long conditions through the built binary: `validate`, `eval` and the
/// debugger give a located error or an answer, never a crash, and long chains stay fast.
@Suite struct LimitsCommandTests {
  /// The seed and its OpenAPI description in a fresh folder, with the first success criterion's
  /// condition replaced by `condition`. The folder has no `.git`: commands name it with `--root`.
  static func seed(withCondition condition: String, in folder: TemporaryFolder) throws -> String {
    let fm = FileManager.default
    for part in ["arazzo", "openapi"] {
      try fm.copyItem(
        at: CLI.root.appendingPathComponent("examples/dbt-cloud/\(part)"),
        to: folder.appending(part))
    }
    let path = folder.appending("arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml")
    let text = try String(contentsOf: path, encoding: .utf8)
    guard let range = text.range(of: "- condition: $statusCode == 200\n") else { return path.path }
    try text.replacingCharacters(in: range, with: "- condition: \(condition)\n")
      .write(to: path, atomically: true, encoding: .utf8)
    return path.path
  }

  @Test func validateReportsADeeplyNestedConditionWhereItIs() throws {
    let folder = try TemporaryFolder()
    let deep =
      String(repeating: "(", count: 100_000) + "$statusCode == 200"
      + String(repeating: ")", count: 100_000)
    let result = try CLI.run([
      "validate", try Self.seed(withCondition: deep, in: folder), "--root", folder.url.path,
    ])
    #expect(result.status == 2)
    #expect(result.stdout.contains("error[AZ2021]: the condition nests deeper than 64 levels\n"))
    #expect(result.stdout.contains("dbt-cloud-trigger-run-and-poll.arazzo.yaml:65:88\n"))
  }

  @Test func validateAcceptsNestingAtTheLimit() throws {
    let folder = try TemporaryFolder()
    let nested =
      String(repeating: "(", count: 64) + "$statusCode == 200" + String(repeating: ")", count: 64)
    let result = try CLI.run([
      "validate", try Self.seed(withCondition: nested, in: folder), "--root", folder.url.path,
    ])
    #expect(result.status == 0, "\(result.stdout)")
  }

  /// A 220 KB `&&` chain: it took 4 minutes and 1.6 GB in a debug build when every node copied
  /// its text; now it is well under a second. The bound is generous for a loaded machine.
  @Test func validateHandlesALongChainQuickly() throws {
    let folder = try TemporaryFolder()
    let chain = Array(repeating: "$statusCode == 200", count: 10_000).joined(separator: " && ")
    let start = Date()
    let result = try CLI.run([
      "validate", try Self.seed(withCondition: chain, in: folder), "--root", folder.url.path,
    ])
    #expect(result.status == 0)
    #expect(Date().timeIntervalSince(start) < 30)
  }

  @Test func evalRefusesDeepNestingAndEvaluatesAtTheLimit() throws {
    let context = CLI.root.appendingPathComponent("Tests/ArazzoCLITests/Fixtures/poll-context.json")
      .path
    let deep = try CLI.run([
      "eval", String(repeating: "(", count: 100_000) + "$statusCode == 200", "--context", context,
    ])
    #expect(deep.status == 2)
    #expect(
      deep.stderr.hasPrefix(
        "error[AZ2021]: the condition nests deeper than 64 levels\n --> <expr>:1:65\n"))
    let nested =
      String(repeating: "(", count: 64) + "$statusCode == 200" + String(repeating: ")", count: 64)
    let ok = try CLI.run(["eval", nested, "--context", context])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout == "true\n")
  }

  /// The debugger evaluates on a Swift concurrency thread: every command that parses a
  /// condition answers deep nesting with an error and the session goes on.
  @Test func debuggerCommandsRefuseDeepNesting() async throws {
    let deep = String(repeating: "(", count: 100_000) + "$statusCode == 200"
    let nested = String(repeating: "(", count: 64) + "1 == 1" + String(repeating: ")", count: 64)
    let input =
      [
        ":eval \(deep)", ":watch \(deep)", ":explain \(deep)", ":break pollRun if \(deep)",
        "$statusCode == 200 && \(deep)", ":eval \(nested)", ":quit",
      ].joined(separator: "\n") + "\n"
    let result = try await DebugSessionTests.arazzo(
      ["debug", DebugSessionTests.seed] + DebugSessionTests.replay, input: input)
    #expect(result.status == 0, "\(result.stderr)")
    let all = result.stdout + result.stderr
    #expect(
      all.components(separatedBy: "nests deeper than 64 levels").count - 1 == 5,
      "\(all.suffix(2000))")
    #expect(result.stdout.hasSuffix("true\n"))
  }
}
