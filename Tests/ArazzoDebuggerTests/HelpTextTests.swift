import ArazzoDebugger
import ArazzoTestSupport
import Foundation
import Testing

@Suite struct HelpTextTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  @Test func overviewListsEveryCommandByCategory() {
    let text = HelpText.overview()
    for spec in CommandTable.all {
      #expect(text.contains(spec.name), "\(spec.name)")
      #expect(text.contains(spec.summary), "\(spec.name)")
    }
    let positions = CommandTable.categories.compactMap { text.firstRange(of: "\n\($0)\n") }
    #expect(text.hasPrefix("Stepping\n"))
    #expect(positions.map(\.lowerBound) == positions.map(\.lowerBound).sorted())
    #expect(!text.hasSuffix("\n"))
    let result = compareGolden(
      text + "\n", to: Self.fixtures.appendingPathComponent("help-overview.txt"))
    #expect(result == .matched, "\(result)")
  }

  @Test func helpForOneCommand() {
    let text = HelpText.help(for: CommandTable.spec(.break))
    #expect(
      text.hasPrefix(
        """
        :break STEP | FILE:LINE [if CONDITION]
        alias: :b

        Pause before a step (or a YAML line), if a condition holds.

        Sets a numbered breakpoint
        """))
    #expect(text.hasSuffix("  :break pollRun if $response.body#/data/status == 3"))
    let result = compareGolden(
      text + "\n", to: Self.fixtures.appendingPathComponent("help-break.txt"))
    #expect(result == .matched, "\(result)")
    #expect(HelpText.help(for: CommandTable.spec(.ir)).hasPrefix(":ir\n\nShow the IR"))
    #expect(HelpText.help(for: CommandTable.spec(.where)).contains("\naliases: :w, :bt\n"))
  }

  @Test func helpByTopic() {
    let breakHelp = HelpText.help(for: CommandTable.spec(.break))
    #expect(HelpText.help(topic: "break") == breakHelp)
    #expect(HelpText.help(topic: ":b") == breakHelp)
    #expect(HelpText.help(topic: " b ") == breakHelp)
    #expect(HelpText.help(topic: "") == HelpText.overview())
    let topics = "\ntopics: " + ConceptPages.topicList
    #expect(
      HelpText.help(topic: "brek")
        == "no command or topic 'brek'; did you mean :break? (:help lists the commands)" + topics)
    #expect(
      HelpText.help(topic: "zzzzzz")
        == "no command or topic 'zzzzzz' (:help lists the commands)" + topics)
  }

  /// A concept topic shows its page; a word that is also a command (goto) shows the concept
  /// and how to reach the command, which `:help :goto` shows.
  @Test func helpByConceptTopic() throws {
    let jsonpath = try #require(ConceptPages.page(for: "jsonpath"))
    #expect(HelpText.help(topic: "jsonpath") == jsonpath.render())
    #expect(HelpText.help(topic: "onSuccess") == ConceptPages.page(for: "actions")?.render())
    let goto = HelpText.help(topic: "goto")
    #expect(goto.hasPrefix("goto: an action that jumps"))
    #expect(goto.hasSuffix("The debugger command :goto: :help :goto"))
    #expect(HelpText.help(topic: ":goto") == HelpText.help(for: CommandTable.spec(.goto)))
    #expect(HelpText.help(topic: "step") == HelpText.help(for: CommandTable.spec(.step)))
    #expect(HelpText.overview().contains("Concepts of the spec"))
    #expect(HelpText.overview().contains("jsonpath"))
  }

  @Test func markdownReferenceIsATablePerCategory() {
    let text = HelpText.markdownReference()
    #expect(text == HelpText.markdownReference())
    #expect(
      text.contains("\n\n**Stepping**\n\n| Command | Aliases | What it does |\n|---|---|---|\n"))
    #expect(text.contains("| `:break STEP \\| FILE:LINE [if CONDITION]` | `:b` | "))
    #expect(text.contains("| `:where` | `:w` `:bt` | "))
    #expect(
      text.contains("| `:tbreak STEP \\| FILE:LINE [if CONDITION]` | `:tb` | Like `:break`, but"))
    for spec in CommandTable.all {
      #expect(text.contains("| `\(spec.name)"), "\(spec.name)")
    }
    let result = compareGolden(
      text + "\n", to: Self.fixtures.appendingPathComponent("command-reference.md"))
    #expect(result == .matched, "\(result)")
  }

  /// README's reference is the table's, byte for byte: regenerate it with
  /// `HelpText.markdownReference()` after changing `CommandCatalog.swift`.
  @Test func readmeHasTheCommandReference() throws {
    let readme = try String(
      contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(
      readme.contains("### Debugger command reference\n\n" + HelpText.markdownReference() + "\n"),
      "README's debugger command reference is stale; paste HelpText.markdownReference() there")
  }
}
