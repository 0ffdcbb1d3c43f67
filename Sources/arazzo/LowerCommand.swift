import ArazzoHTTP
import ArazzoIR
import ArazzoJSON
import ArazzoRuntime
import ArazzoSyntax
import ArgumentParser
import Foundation

/// `arazzo lower`: validate a document, lower it to IR and print the dump.
struct LowerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lower",
    abstract: "Validate an Arazzo document, lower it to IR and print the IR (grammar/ir.ebnf).",
    usage: "arazzo lower FILE [--workflow ID] [--strict] [--source NAME=FILE|URL]…",
    discussion: """
      Warnings go to stderr, the IR to stdout. Exit status: 0 when the document lowered, 2 when \
      it has validation errors (printed like `validate`) or a usage error.
      """)

  @Argument(help: "The Arazzo document (YAML or JSON).")
  var file: String

  @Option(help: "Print only this workflow (its program name: the workflowId).")
  var workflow: String?

  @Flag(help: "Read the document by the letter of the spec: quirks become errors.")
  var strict = false

  @OptionGroup var sourceOptions: SourceOptions

  func run() throws {
    let (program, redactor) = try Self.lower(file, strict: strict, sources: sourceOptions)
    let cwd = FileManager.default.currentDirectoryPath + "/"
    let printer = IRPrinter(displayPath: { path in
      path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    })
    if let workflow {
      guard let code = program.workflow(named: workflow) else {
        let names = program.workflows.map(\.name).joined(separator: ", ")
        Terminal.standardError.writeLine("error: no workflow '\(workflow)' (workflows: \(names))")
        throw ExitCode(2)
      }
      Terminal.standardOutput.write(redactor.scrub(printer.print(code, in: program)))
    } else {
      Terminal.standardOutput.write(redactor.scrub(printer.print(program)))
    }
  }

  /// Validates and lowers `file` for a command that prints the program (`lower`, `graph`):
  /// the program and the redactor for what is printed; on errors the diagnostics are printed
  /// as `validate` prints them and the command exits 2. Warnings go to stderr.
  static func lower(
    _ file: String, strict: Bool, sources: SourceOptions
  ) throws -> (Program, Redactor) {
    let options = LoweringOptions(
      strict: strict, sourceOverrides: sources.overrides, root: sources.root)
    let (program, diagnostics, report) = Lowering.lowerWithReport(path: file, options: options)
    // Secrets given as inputs (ARAZZO_INPUT_*) never reach the output.
    let redactor = Redactor(secrets: InputBinder.knownSecrets(in: report))
    let renderer = DiagnosticRenderer(colored: Terminal.standardError.usesColor)
    guard let program else {
      var out = renderer.renderEach(diagnostics)
      let errors = diagnostics.filter { $0.severity == .error }.count
      out += "\(TerminalText.escaped(file)): invalid (\(errors) error\(errors == 1 ? "" : "s"))\n"
      Terminal.standardOutput.write(redactor.scrub(out))
      throw ExitCode(2)
    }
    if !diagnostics.isEmpty {
      Terminal.standardError.write(redactor.scrub(renderer.renderEach(diagnostics)))
    }
    return (program, redactor)
  }
}
