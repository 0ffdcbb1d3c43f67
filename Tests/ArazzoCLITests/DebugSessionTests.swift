import ArazzoTestSupport
import Foundation
import Testing

/// Golden debugger sessions: each `Fixtures/sessions/*.session` file is a transcript that is
/// both the input and the expected output.
///
/// ```
/// $ arazzo debug examples/dbt-cloud/arazzo/….yaml --replay … --inputs … --echo
/// arazzo debug · workflow trigger-run-and-poll · 3 steps · :help for commands and concepts
/// …
/// (trigger-run-and-poll · triggerRun) :break pollRun
/// breakpoint 1: step pollRun
/// ```
///
/// The first line is the command (run in the package root; words split on spaces). Every line
/// that starts with a prompt, `(workflow · step) `, holds a command: what follows the prompt
/// is fed to the debugger's stdin, one line each. The whole file is the expected transcript:
/// the command line, then stdout byte for byte (`--echo` prints each command after its
/// prompt; a line continuing unfinished input follows `...> `). `ARAZZO_RECORD=1` rewrites the files from what the debugger prints.
@Suite struct DebugSessionTests {
  static let directory = CLI.root.appendingPathComponent("Tests/ArazzoCLITests/Fixtures/sessions")

  static var sessions: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".session") }.sorted()
  }

  /// A prompt at the start of a line: `(` workflow id ` · ` anything without parentheses `) `.
  static func command(in line: Substring) -> Substring? {
    // A line that continues unfinished input follows the continuation prompt.
    if line.hasPrefix("...> ") { return line.dropFirst("...> ".count) }
    guard line.hasPrefix("("), let close = line.firstIndex(of: ")") else { return nil }
    let inside = line[line.index(after: line.startIndex)..<close]
    guard inside.contains(" · "), !inside.contains("("),
      line[close...].hasPrefix(") ")
    else { return nil }
    return line[line.index(close, offsetBy: 2)...]
  }

  /// A session golden read back: its first line `$ arazzo ARGS` (`ARGS` split on spaces), and
  /// the commands typed after each prompt, as the input that replays them.
  static func script(
    at url: URL, command prefix: String = "$ arazzo "
  ) throws -> (header: Substring, arguments: [String], input: String) {
    let name = url.lastPathComponent
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let header = try #require(lines.first, "\(name) is empty")
    #expect(header.hasPrefix(prefix), "\(name): the first line is the command, '\(prefix)…'")
    let arguments = header.dropFirst("$ arazzo ".count).split(separator: " ").map(String.init)
    let input = lines.dropFirst().compactMap(Self.command).map { $0 + "\n" }.joined()
    return (header, arguments, input)
  }

  @Test(arguments: sessions)
  func session(_ name: String) async throws {
    let url = Self.directory.appendingPathComponent(name)
    let (header, arguments, input) = try Self.script(at: url)
    let result = try await Self.arazzo(arguments, input: input)
    #expect(result.status == 0, "\(name): exit \(result.status)\n\(result.stderr)")
    let golden = compareGolden(String(header) + "\n" + result.stdout, to: url)
    #expect(golden == .matched, "\(name): \(golden)")
  }

  /// Runs the CLI off the cooperative pool (it blocks on the child's pipes).
  static func arazzo(_ arguments: [String], input: String) async throws -> CLIResult {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(with: Result { try CLI.run(arguments, input: input) })
      }
    }
  }

  static let seed = "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml"
  static let replay = [
    "--replay", "examples/dbt-cloud/recordings/success.har",
    "--inputs", "examples/dbt-cloud/recordings/success.inputs.json",
  ]

  @Test func endOfInputQuitsWithZero() async throws {
    let result = try await Self.arazzo(["debug", Self.seed] + Self.replay, input: "")
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("arazzo debug · workflow trigger-run-and-poll · 3 steps"))
    #expect(result.stdout.contains("paused before step triggerRun"))
    // Without --echo, scripted input prints no prompts.
    #expect(!result.stdout.contains("(trigger-run-and-poll · triggerRun)"))
  }

  /// As `run`, `validate` and `lower` do.
  @Test func anInvalidDocumentExitsWithTwo() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "invalid-\(UUID()).arazzo.yaml")
    try "arazzo: 1.0.1\ninfo: {title: t, version: '1'}\nworkflows: []\n".write(
      to: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: path) }
    let result = try await Self.arazzo(["debug", path.path], input: ":quit\n")
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("error"))
  }

  @Test func usageErrorsExitWithTwo() async throws {
    let result = try await Self.arazzo(["debug", Self.seed, "--max-steps", "0"], input: "")
    #expect(result.status == 2)
    let missing = try await Self.arazzo(
      ["debug", Self.seed, "--replay", "examples/dbt-cloud/recordings/success.har"], input: "")
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("accountId"))
  }

  @Test func commandsFileRunsFirst() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "commands-\(UUID()).txt")
    try ":break listArtifacts\n:continue\n".write(to: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: path) }
    let result = try await Self.arazzo(
      ["debug", Self.seed] + Self.replay + ["--commands", path.path, "--echo"],
      input: "$statusCode\n:quit\n")
    #expect(result.status == 0)
    #expect(
      result.stdout.contains(
        "(trigger-run-and-poll · triggerRun) :break listArtifacts\nbreakpoint 1: step listArtifacts"
      ))
    #expect(
      result.stdout.contains(
        "(trigger-run-and-poll · listArtifacts) $statusCode\nno value: no response yet"))
  }

  /// After a `goto` handed the run to another workflow and it ended, `$steps` and `$outputs`
  /// read that workflow's last frame (as they read the entry's when it ends by itself).
  @Test func aRunEndedByAGotoToAWorkflowCanStillBeInspected() async throws {
    let folder = "Tests/ArazzoCLITests/Fixtures/runs/goto-workflow"
    let result = try await Self.arazzo(
      ["debug", "\(folder)/workflow.arazzo.yaml", "--replay", "\(folder)/recording.har"],
      input: ":continue\n$steps.reset.outputs.state\n$outputs.state\n:quit\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("continuing in workflow recovery"))
    #expect(result.stdout.hasSuffix("  state  \"ok\"\n\"ok\"\n\"ok\"\n"), "\(result.stdout)")
    #expect(!result.stdout.contains("running dependency"))
  }

  /// A step breakpoint whose condition reads the response is judged once the response is there.
  @Test func aConditionOnTheResponseIsJudgedWhenTheResponseHasArrived() async throws {
    let result = try await Self.arazzo(
      ["debug", Self.seed] + Self.replay,
      input: ":break pollRun if $response.body#/data/status == 3\n:continue\n"
        + "$response.body#/data/status\n:quit\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "paused after the response of pollRun (visit 3), before its success criteria · breakpoint 1"
      ), "\(result.stdout)")
    #expect(result.stdout.hasSuffix("\n3\n"))
  }

  @Test func recordWritesTheSessionAtTheEnd() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("debug-\(UUID()).har")
    defer { try? FileManager.default.removeItem(at: path) }
    try await RunCommandTests.withServer { server in
      let arguments =
        ["debug"] + RunCommandTests.seedArguments(server).dropFirst() + ["--record", path.path]
      let result = try await Self.arazzo(arguments, input: ":continue\n")
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("workflow trigger-run-and-poll succeeded"))
      #expect(!result.stdout.contains(RunCommandTests.token))
    }
    let har = try String(contentsOf: path, encoding: .utf8)
    #expect(har.components(separatedBy: "\"request\"").count - 1 == 6)
    #expect(!har.contains(RunCommandTests.token))
  }
}

/// `:help explain` describes the seed's jsonpath reading in the words `:explain` prints.
@Suite struct ExplainHelpAgreesTests {
  static func words(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  @Test func helpAndExplainSayTheSame() async throws {
    let reading =
      "is not an RFC 9535 query (it compares), so it is read as an RFC 9535 logical expression with $ bound to the context value"
    let help = try await DebugSessionTests.arazzo(
      ["debug", DebugSessionTests.seed] + DebugSessionTests.replay, input: ":help explain\n")
    #expect(Self.words(help.stdout).contains(reading), "\(help.stdout)")
    let session = try String(
      contentsOf: DebugSessionTests.directory.appendingPathComponent("must-show.session"),
      encoding: .utf8)
    let explained = session.components(separatedBy: "\n").map {
      $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(
        of: "how it was read: not", with: "is not")
    }.joined(separator: " ")
    #expect(Self.words(explained).contains(reading))
  }
}

/// `arazzo debug` reads `$components` and `$sourceDescriptions` as `run` does.
@Suite struct DebugComponentsTests {
  @Test func componentsAndSourceDescriptions() async throws {
    let result = try await DebugSessionTests.arazzo(
      [
        "debug", "examples/petshop/arazzo/petshop.arazzo.yaml", "--replay",
        "examples/petshop/recordings/adopt.har", "--inputs",
        "examples/petshop/recordings/adopt.inputs.json",
      ],
      input:
        "$components.parameters.pageSize.value\n$sourceDescriptions.petshop.url\n:print $sourceDescriptions\n:quit\n"
    )
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains("\n2\n\"../openapi/petshop.openapi.yaml\"\n"), "\(result.stdout)")
    #expect(result.stdout.contains("\"type\": \"openapi\""), "\(result.stdout)")
  }
}
