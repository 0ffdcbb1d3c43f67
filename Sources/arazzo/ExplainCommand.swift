import ArazzoJSON
import ArgumentParser

/// `arazzo explain [CODE]`: what a diagnostic code means (all codes when none is given).
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Describe diagnostic codes (AZ2025, jsonpath-logical-expression, …).")

  @Argument(help: "A code (AZ2025) or its name (jsonpath-logical-expression); none lists all.")
  var code: String?

  @Flag(help: "Print the table as Markdown (as in README.md).")
  var markdown = false

  func run() throws {
    let codes: [DiagnosticCode]
    if let code {
      let wanted = code.uppercased()
      guard
        let match = DiagnosticCode.allCases.first(where: {
          $0.rawValue == wanted || $0.slug == code
        })
      else {
        Terminal.standardError.writeLine("error: unknown diagnostic code '\(code)'")
        throw ExitCode(2)
      }
      codes = [match]
    } else {
      codes = DiagnosticCode.allCases.sorted()
    }
    var out = markdown ? "| code | name | default | meaning |\n|---|---|---|---|\n" : ""
    for c in codes {
      if markdown {
        out += "| \(c.rawValue) | `\(c.slug)` | \(c.defaultSeverity.rawValue) | \(c.summary) |\n"
      } else {
        let name = "\(c.rawValue) \(c.slug)".padding(toLength: 40, withPad: " ", startingAt: 0)
        out +=
          "\(name) \(c.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(c.summary)\n"
      }
    }
    Terminal.standardOutput.write(out)
  }
}
