import ArazzoDebugger
import ArazzoTestSupport
import Foundation
import Testing

/// The concept pages of `:help TOPIC` and `arazzo explain TOPIC`: every concept the spec
/// teaches has one; each quotes its example file verbatim and names a command that refers to
/// files that exist (the CLI tests run the commands), so the pages cannot drift from examples/.
@Suite struct ConceptPagesTests {
  /// The concepts a learner meets, each of which must have a page (by topic or alias).
  static let required = [
    "lifecycle", "workflows", "steps", "runtime-expressions", "criteria", "simple", "regex",
    "jsonpath", "xpath", "outputs", "actions", "onSuccess", "onFailure", "goto", "end", "retry",
    "retryAfter", "retryLimit", "Retry-After", "sub-workflows", "$workflows", "components",
    "parameters", "request-bodies", "replacements", "sources", "sourceDescriptions",
    "operationId", "operationPath", "dependsOn", "selectors", "inputs",
  ]

  @Test(arguments: required)
  func everyConceptHasAPage(_ topic: String) {
    #expect(ConceptPages.page(for: topic) != nil, "no page for \(topic)")
  }

  @Test func topicsAndAliasesAreUnique() {
    let names = ConceptPages.all.flatMap { [$0.topic] + $0.aliases.map { $0.lowercased() } }
    #expect(Set(names).count == names.count, "\(names)")
    for page in ConceptPages.all {
      #expect(page.topic == page.topic.lowercased() && !page.topic.contains(" "), "\(page.topic)")
    }
  }

  @Test(arguments: ConceptPages.all.map(\.topic))
  func exampleIsQuotedFromAFileThatExists(_ topic: String) throws {
    let page = try #require(ConceptPages.page(for: topic))
    let file = TestPaths.root.appendingPathComponent(page.file)
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains(page.snippet), "\(topic): the snippet is not in \(page.file)")
    #expect(page.command.contains(page.file), "\(topic): the command does not run \(page.file)")
    for word in page.command.split(separator: " ") where word.hasPrefix("examples/") {
      #expect(
        FileManager.default.fileExists(
          atPath: TestPaths.root.appendingPathComponent(String(word)).path),
        "\(topic): \(word) does not exist")
    }
    #expect(page.command.hasPrefix("arazzo debug "))
    #expect(!page.explanation.isEmpty && page.spec.contains("https://"))
    for line in (page.title + "\n" + page.explanation).split(separator: "\n") {
      #expect(line.count <= 96, "\(topic): a line longer than 96 columns: \(line)")
    }
  }

  @Test func seeAlsoNamesPages() {
    for page in ConceptPages.all {
      for other in page.seeAlso {
        #expect(ConceptPages.page(for: other) != nil, "\(page.topic) → \(other)")
      }
    }
  }

  /// The step lifecycle is drawn once, on its page: README's "Learn Arazzo in 15 minutes"
  /// quotes that drawing, and names every topic.
  @Test func readmeQuotesTheLifecycleAndNamesEveryTopic() throws {
    let readme = try String(
      contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("```\n" + ConceptPages.lifecycleDiagram + "\n```\n"))
    for page in ConceptPages.all { #expect(readme.contains("`\(page.topic)`"), "\(page.topic)") }
  }

  @Test func pageRendersExplanationExampleAndCommand() throws {
    let page = try #require(ConceptPages.page(for: "goto"))
    let text = page.render()
    #expect(text.hasPrefix("goto: an action that jumps to a step (or workflow)"))
    #expect(text.contains("\nspec: Arazzo 1.0.1, Success Action Object: https://"))
    #expect(
      text.contains(
        "From examples/petshop/arazzo/petshop.arazzo.yaml:\n\n    onSuccess:\n      - name: morePages"
      ))
    #expect(text.contains("Run it:\n  arazzo debug examples/petshop/arazzo/petshop.arazzo.yaml"))
  }
}
