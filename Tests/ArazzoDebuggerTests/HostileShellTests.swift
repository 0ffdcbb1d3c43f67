import ArazzoDebugger
import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// A user (or a script) typing nonsense at the debugger's prompt gets an error line, never a
/// crash or a hang: thousands of lines made of every command and alias with arguments drawn
/// from step ids, expressions, conditions, numbers at the edges and broken quoting, on the
/// seed from its recording and on the petshop (sub-workflow, dependency). Commands that write
/// files write into a temporary folder.
@Suite struct HostileShellTests {
  static let words = [
    "pollRun", "triggerRun", "listArtifacts", "buyPet", "login", "place-order.placeOrder",
    "trigger-run-and-poll.pollRun", "nosuchstep", "0", "1", "2", "-1", "99999999999999999999",
    "9223372036854775807", "-9223372036854775808", "if", "$statusCode == 200",
    "$response.body#/data/status", "$response.body#/", "$steps.pollRun.outputs", "$inputs",
    "$inputs.jobId = 252", "$inputs.token = \"x\"", "= 3", "$[?@.a", "{$inputs.token}", "\"",
    "'", "\"unterminated", "(((", ")", "&&", "||", "!", "$", "#", "*", "\\", "\u{0}", "é\u{202E}",
    "dbt-cloud-trigger-run-and-poll.arazzo.yaml:69", "x.arazzo.yaml:0", ":9999999", "criteria",
    "jsonpath", "goto", "AZ2025", "all", "==", ">=3", "keepPolling", "runSucceeded", "$response",
    "$request", "$url", "$method", "$outputs", "$workflows", "$components", "$sourceDescriptions",
    String(repeating: "[", count: 200), String(repeating: "a", count: 2_000),
  ]

  /// A line: a command (any name or alias, or none), then 0-3 words.
  static func line(_ random: inout SplitMix, folder: String) -> String {
    let names = CommandTable.all.filter { $0.kind != .quit }.flatMap(\.names)
    var parts: [String] = []
    switch random.below(10) {
    case 0: break  // an expression alone, as `:eval` takes it
    case 1: parts.append(random.pick([":", "::", ":nosuch", "x", ""]))
    default: parts.append(random.pick(names))
    }
    for _ in 0..<random.below(4) { parts.append(random.pick(words)) }
    let spec = parts.first.flatMap { CommandTable.lookup($0) }
    if spec?.kind == .save || spec?.kind == .graph {
      // Files only where the test says.
      parts = [parts[0], folder + "/out-\(random.below(3))" + random.pick([".har", ".svg", ""])]
    }
    return parts.joined(separator: " ")
  }

  /// Counts at the edges of `Int`, for every command that takes a number (`:list` with
  /// `Int.max` context lines once overflowed), before the random lines.
  /// The run still paused at its start for all but the stepping ones, which come last; no
  /// command that writes a file.
  static let edges: [String] = {
    let specs = CommandTable.all.filter { ![.quit, .save, .graph].contains($0.kind) }
    return (specs.filter { !$0.isStepping } + specs.filter(\.isStepping)).flatMap { spec in
      ["9223372036854775807", "-9223372036854775808", "-1", "0"].map { spec.name + " " + $0 }
    }
  }()

  /// The script's lines, counting how many the shell read.
  final class CountedLines: LineSource {
    let lines: ScriptedLineSource
    var read = 0
    init(_ lines: [String]) { self.lines = ScriptedLineSource(lines: lines) }
    func readLine(prompt: String) -> LineRead {
      let line = lines.readLine(prompt: prompt)
      if case .line = line { read += 1 }
      return line
    }
    func addHistory(_ line: String) {}
    func takeInterrupt() -> Bool { false }
    var isInteractive: Bool { false }
  }

  /// Runs 1,500 random lines, then `:quit`; the shell must have read every one of them.
  static func run(engine: DebugEngine, seed: UInt64) async throws -> String {
    let folder = try TemporaryFolder()
    var random = SplitMix(state: seed)
    let lines =
      edges + (0..<1_500).map { _ in line(&random, folder: folder.url.path) } + [":quit"]
    var out = ""
    let input = CountedLines(lines)
    let shell = DebugShell(engine: engine, input: input) { out += $0 }
    await shell.run()
    await engine.shutdown()
    #expect(input.read == lines.count, "the session ended early:\n\(out.suffix(500))")
    return out
  }

  @Test(.timeLimit(.minutes(2)), arguments: [0x5E11, 0xC0FFEE] as [UInt64])
  func theSeedSurvivesNonsense(seed: UInt64) async throws {
    let out = try await Self.run(engine: try makeEngine(), seed: seed)
    #expect(out.contains("error:"), "nonsense got no error at all")
  }

  @Test(.timeLimit(.minutes(2)), arguments: [0xBE7, 0xD0D0] as [UInt64])
  func thePetshopSurvivesNonsense(seed: UInt64) async throws {
    let out = try await Self.run(engine: try SubWorkflowTests.engine(), seed: seed)
    #expect(out.contains("error:"), "nonsense got no error at all")
  }
}
