import ArgumentParser

/// `arazzo validate`: load and check Arazzo documents.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate", abstract: "Check Arazzo documents and print located diagnostics.")

  @Argument(help: "The Arazzo documents (YAML or JSON).")
  var files: [String]

  func run() throws {
    throw ExitCode(2)
  }
}
