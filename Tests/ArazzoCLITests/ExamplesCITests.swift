import ArazzoJSON
import ArazzoTestSupport
import Foundation
import Testing

/// examples/ci: the `arazzo` commands of the GitHub Actions and GitLab CI files, run as
/// written from the repository's root (report files moved to a temporary folder): the
/// examples validate and every workflow passes offline from its recording.
@Suite struct ExamplesCITests {
  static let files = ["examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml"]

  /// Each `arazzo …` command line of a CI file (after `run:` or a list dash), as words, with
  /// the file its stdout is redirected to, if any.
  static func commands(in file: String) throws -> [(arguments: [String], stdout: String?)] {
    let text = try String(
      contentsOf: CLI.root.appendingPathComponent(file), encoding: .utf8)
    var found: [(arguments: [String], stdout: String?)] = []
    for line in text.split(separator: "\n") {
      var words = line.split(separator: " ").map(String.init)
      while let first = words.first, ["-", "run:"].contains(first) { words.removeFirst() }
      guard words.first == "arazzo" else { continue }
      words.removeFirst()
      var stdout: String?
      if let i = words.firstIndex(of: ">"), i + 1 < words.count {
        stdout = words[i + 1]
        words.removeSubrange(i...)
      }
      found.append((words, stdout))
    }
    return found
  }

  @Test func bothFilesTestAndValidate() throws {
    for file in Self.files {
      let commands = try Self.commands(in: file).map { $0.arguments.first }
      #expect(commands == ["validate", "test"], "\(file)")
    }
  }

  @Test(arguments: files)
  func commandsPass(_ file: String) async throws {
    let folder = try TemporaryFolder()
    for (arguments, stdout) in try Self.commands(in: file) {
      let moved = arguments.map { word in
        word.hasPrefix("junit=")
          ? "junit=" + folder.appending(String(word.dropFirst(6))).path : word
      }
      let r = try await RunCommandTests.arazzo(moved)
      #expect(
        r.status == 0, "\(file): arazzo \(arguments.joined(separator: " "))\n\(r.stdout)\(r.stderr)"
      )
      if arguments.first == "test" {
        #expect(r.stdout.contains("5 workflows: 5 passed, 0 failed"), "\(r.stdout)")
        let junit = folder.appending("reports/junit.xml").path
        let schema = CLI.shared.appendingPathComponent("testdata/formats/junit/junit-10.xsd").path
        let lint = try TestCommandTests.xmllint(["--noout", "--schema", schema, junit])
        #expect(lint.status == 0, "\(lint.stderr)")
      }
      if arguments.first == "validate", arguments.contains("sarif") {
        let log = try JSONParser.parse(r.stdout)
        #expect(log.objectValue?["version"] == .string("2.1.0"), "\(r.stdout)")
      }
      if let stdout {
        try r.stdout.write(to: folder.appending(stdout), atomically: true, encoding: .utf8)
      }
    }
  }
}
