import Foundation
import Testing

/// Every command's `--help` on an 80-column terminal: no line is wider than the terminal, and
/// prose is wrapped by the terminal's width, not broken by hard line breaks mid-sentence.
@Suite struct HelpTests {
  static let commands: [[String]] = [
    [], ["validate"], ["run"], ["test"], ["debug"], ["eval"], ["explain"], ["lower"],
    ["graph"], ["tour"], ["dap"],
  ]

  @Test(arguments: commands)
  func helpFitsEightyColumns(_ command: [String]) throws {
    let result = try CLI.run(command + ["--help"], environment: ["COLUMNS": "80", "LINES": "24"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.components(separatedBy: "\n")
    for line in lines {
      #expect(line.count <= 80, "\(command): wider than 80 columns: \(line)")
    }
    // Within a paragraph of prose (consecutive lines with the same indentation that do not look
    // like an example, option or list), a line ends early only if the next word would not fit
    // (argument-parser wraps prose at one column less than the terminal's width).
    for (line, next) in zip(lines, lines.dropFirst()) {
      let indent = line.prefix { $0 == " " }.count
      guard indent == next.prefix(while: { $0 == " " }).count, indent < 8,
        !line.trimmingCharacters(in: .whitespaces).isEmpty,
        let word = next.split(separator: " ").first,
        !line.hasSuffix(":"), !next.trimmingCharacters(in: .whitespaces).hasPrefix("-"),
        !next.contains("arazzo "), !line.contains("arazzo ")
      else { continue }
      #expect(
        line.count + 1 + word.count > 79,
        "\(command): '\(line)' breaks before '\(word)', which fits on it")
    }
  }

  @Test func versionNamesTheToolAndTheArazzoVersions() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("arazzo "), "\(result.stdout)")
    #expect(result.stdout.contains("1.0") && result.stdout.contains("1.1"))
  }
}
