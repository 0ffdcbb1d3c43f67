import ArgumentParser
import ArazzoJSON
import ArazzoSyntax

@main
struct Arazzo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "arazzo", abstract: "Validate, run and debug Arazzo workflows.")
}
