import ArazzoJSON
import ArgumentParser
import Foundation

/// The `arazzo` command: validate, lower, evaluate, run and debug Arazzo workflows.
///
/// Exit codes follow the CLI contract: 0 success, 1 workflow failed, 2 invalid document or usage.
@main
struct Arazzo: AsyncParsableCommand {
  /// `arazzo --version`: this tool's version and the Arazzo versions it reads.
  static let version = "arazzo \(versionNumber) (reads Arazzo 1.0.x and 1.1.x)"
  /// The version number alone (SARIF's `tool.driver.version`).
  static let versionNumber = "0.7.0"

  static let configuration = CommandConfiguration(
    commandName: "arazzo",
    abstract: "Validate, evaluate, run and debug Arazzo workflows.",
    version: version,
    subcommands: [
      ValidateCommand.self, RunCommand.self, TestCommand.self, DebugCommand.self,
      DapCommand.self, EvalCommand.self, ExplainCommand.self, LowerCommand.self,
      GraphCommand.self, TourCommand.self,
    ])

  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      // Usage errors exit 2 (the contract), not argument-parser's 64.
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      // The message quotes the command line: escaped, keeping the help text's lines.
      Terminal.standardError.write(
        TerminalText.escaped(fullMessage(for: error), keepingNewlines: true) + "\n")
      Foundation.exit(2)
    }
  }
}
