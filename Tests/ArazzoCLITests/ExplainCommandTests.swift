import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// `arazzo explain CODE|TOPIC`, docs/diagnostics.md, the concept pages' commands, the plain
/// words under a run's warnings, and `eval --jsonpath --explain`.
@Suite struct ExplainCommandTests {
  @Test func aCodeHasReasonExamplesAndSpec() throws {
    let result = try CLI.run(["explain", "AZ2025"])
    #expect(result.status == 0)
    for part in [
      "Why: A jsonpath condition is an RFC 9535 query", "condition: $.status == 10",
      "condition: $[?$.status == 10]", "Spec: Arazzo 1.0.1, Criterion Object: https://",
    ] {
      #expect(result.stdout.contains(part), "\(part)\n\(result.stdout)")
    }
    #expect(result.stdout.hasSuffix("Concept: arazzo explain jsonpath\n"))
  }

  /// The topics `arazzo explain` lists under its codes.
  static func topics() throws -> [String] {
    let listing = try CLI.run(["explain"]).stdout
    let tail = listing.components(separatedBy: "Concepts of the spec (arazzo explain TOPIC):\n")
    return (tail.last ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(
      String.init)
  }

  /// The command a topic's page runs its example with (the line after "Run it:").
  static func command(_ topic: String) throws -> String {
    let page = try CLI.run(["explain", topic]).stdout.components(separatedBy: "\n")
    guard let i = page.firstIndex(of: "Run it:"), i + 1 < page.count else { return "" }
    return page[i + 1].trimmingCharacters(in: .whitespaces)
  }

  @Test func aTopicPrintsTheDebuggersPage() throws {
    let result = try CLI.run(["explain", "jsonpath"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("jsonpath: a criterion that holds when an RFC 9535 query"))
    let help = try CLI.run(
      ["debug", DebugSessionTests.seed] + DebugSessionTests.replay, input: ":help jsonpath\n")
    #expect(help.stdout.contains(result.stdout), "\(help.stdout)")
    let unknown = try CLI.run(["explain", "gotoo"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("topics: lifecycle, workflows"))
    #expect(unknown.stderr.contains("no diagnostic code or topic 'gotoo'; did you mean goto?"))
    #expect(
      try CLI.run(["explain"]).stdout.contains("Concepts of the spec (arazzo explain TOPIC):"))
  }

  /// docs/diagnostics.md is exactly `arazzo explain --markdown --long`.
  @Test func docsDiagnosticsIsGenerated() throws {
    let long = try CLI.run(["explain", "--markdown", "--long"])
    #expect(long.status == 0)
    let docs = try String(
      contentsOf: CLI.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
    #expect(
      docs == long.stdout, "regenerate: arazzo explain --markdown --long > docs/diagnostics.md")
  }

  /// Each command a concept page names runs its example to success (as `run`, the same options).
  @Test func conceptExamplesRun() throws {
    let topics = try Self.topics()
    #expect(topics.count >= 20 && topics.contains("goto") && topics.contains("jsonpath"))
    let commands = Set(try topics.map(Self.command))
    #expect(commands.count >= 3)
    for command in commands.sorted() {
      var words = command.split(separator: " ").map(String.init)
      #expect(words.prefix(2) == ["arazzo", "debug"], "\(command)")
      guard words.count > 2 else { continue }
      words[1] = "run"
      let result = try CLI.run(Array(words.dropFirst()))
      #expect(result.status == 0, "\(command)\n\(result.stdout)\(result.stderr)")
    }
  }

  /// The commands a page tells you to type ("then type: …") work on its example: the debugger
  /// reports no error for any of them.
  @Test func conceptPagesTryCommandsWork() throws {
    for topic in try Self.topics() {
      let page = try CLI.run(["explain", topic]).stdout.components(separatedBy: "\n")
      guard let line = page.first(where: { $0.hasPrefix("then type: ") }) else { continue }
      let typed = line.dropFirst("then type: ".count).components(separatedBy: "   ")
      let words = try Self.command(topic).split(separator: " ").dropFirst().map(String.init)
      let result = try CLI.run(words, input: typed.joined(separator: "\n") + "\n:quit\n")
      #expect(result.status == 0, "\(topic)")
      for output in [result.stdout, result.stderr] {
        #expect(!output.contains("error:") && !output.contains("no value:"), "\(topic): \(output)")
      }
    }
  }

  /// The warnings a run or debug session starts with are followed by what they mean, in plain
  /// words, once per code, and where to read more.
  @Test func startWarningsSayWhatTheyMean() throws {
    let result = try CLI.run(
      ["debug", DebugSessionTests.seed] + DebugSessionTests.replay, input: ":quit\n")
    #expect(
      result.stderr.contains(
        "what these warnings mean (arazzo explain CODE says why, with examples):"))
    #expect(result.stderr.contains("  AZ2026 (3×)  the value is filled in, as the author meant"))
    #expect(result.stderr.contains("  AZ2025 (3×)  this tool reads these conditions"))
  }

  @Test func evalJSONPathExplainShowsNodesAndTheTrap() throws {
    let folder = try TemporaryFolder()
    let file = folder.appending("page.json")
    try #"{"items": [1], "next": null}"#.write(to: file, atomically: true, encoding: .utf8)
    let result = try CLI.run(["eval", "--jsonpath", "$.next", file.path, "--explain"])
    #expect(result.status == 0)
    #expect(
      result.stdout == """
        $.next selected 1 node:
          $['next']  →  null
        a jsonpath criterion holds when anything is selected, whatever its value: this one holds
        it selected null, which still counts; if you meant "$.next is not null", write $[?$.next != null]
        [
          null
        ]

        """)
    let suggested = try CLI.run(["eval", "--jsonpath", "$[?$.next != null]", file.path])
    #expect(suggested.stdout == "[]\n")
    // A key with a control character (a hostile body) is shown escaped.
    try #"{"a\u001b[2J": 1}"#.write(to: file, atomically: true, encoding: .utf8)
    let hostile = try CLI.run(["eval", "--jsonpath", "$.b", file.path, "--explain"])
    #expect(!hostile.stdout.contains("\u{1B}") && hostile.stdout.contains("members: a\\u001b[2J"))
  }

  /// `:explain` of the criteria example's loop action lists what its query selected.
  @Test func debuggerExplainsAJSONPathAction() throws {
    let words = try Self.command("jsonpath").split(separator: " ").dropFirst().map(String.init)
    let result = try CLI.run(
      words, input: ":break nextPage\n:continue\n:next\n:next\n:next\n:explain morePages\n:quit\n")
    #expect(result.stdout.contains("$[?$.next != null] selected 2 nodes:"), "\(result.stdout)")
    #expect(result.stdout.contains("  $['next']  →  \"s-1:2\""), "\(result.stdout)")
    #expect(result.stdout.contains("→ every criterion holds: morePages matches"))
    // The context value is shown once, as its expression.
    #expect(result.stdout.components(separatedBy: "    $response.body  →  ").count == 2)
    #expect(!result.stdout.contains("context value"))
  }
}

/// The pagination trap at run time: a goto whose jsonpath exit is `$.next` holds on the last
/// page too (it selects the null), so the loop runs to --max-steps; the error says why and
/// names the filter that was meant.
@Test func maxStepsNamesTheJSONPathTrap() throws {
  let folder = try TemporaryFolder()
  let example = try String(
    contentsOf: CLI.root.appendingPathComponent("examples/petshop/arazzo/criteria.arazzo.yaml"),
    encoding: .utf8)
  let trapped = example.replacingOccurrences(
    of: "condition: $[?$.next != null]", with: "condition: $.next")
  #expect(trapped != example)
  let document = folder.appending("trap.arazzo.yaml")
  try trapped.write(to: document, atomically: true, encoding: .utf8)
  let result = try CLI.run([
    "run", document.path, "--root", folder.url.path,
    "--source",
    "petshop="
      + CLI.root.appendingPathComponent("examples/petshop/openapi/petshop.openapi.yaml").path,
    "--replay", "examples/petshop/recordings/adopt.har", "--replay-reuse-last", "--max-steps", "10",
    "--input", "username=alice", "--input", "password=wonderland",
  ])
  #expect(result.status == 1)
  #expect(
    result.stdout.contains(
      "a goto loop that never ends? 'morePages' holds by its jsonpath criterion '$.next', which holds whenever it selects anything: it selected null, which still counts; if you meant \"$.next is not null\", write $[?$.next != null]"
    ), "\(result.stdout)\(result.stderr)")
}

/// The debugger's pause before the action flags the same trap under the action that holds
/// by it, and names :explain.
@Test func debuggerFlagsTheJSONPathTrapBeforeTheAction() throws {
  let folder = try TemporaryFolder()
  let example = try String(
    contentsOf: CLI.root.appendingPathComponent("examples/petshop/arazzo/criteria.arazzo.yaml"),
    encoding: .utf8)
  let document = folder.appending("trap.arazzo.yaml")
  try example.replacingOccurrences(of: "condition: $[?$.next != null]", with: "condition: $.next")
    .write(to: document, atomically: true, encoding: .utf8)
  let result = try CLI.run(
    [
      "debug", document.path, "--root", folder.url.path, "--source",
      "petshop="
        + CLI.root.appendingPathComponent("examples/petshop/openapi/petshop.openapi.yaml").path,
      "--replay", "examples/petshop/recordings/adopt.har", "--input", "username=alice",
      "--input", "password=wonderland",
    ],
    input: ":break nextPage\n:continue\n:continue\n:continue\n:next\n:next\n:next\n:quit\n")
  #expect(
    result.stdout.contains(
      "    note: it selected null, which still counts; if you meant \"$.next is not null\", write $[?$.next != null] (:explain morePages)"
    ), "\(result.stdout)")
}
