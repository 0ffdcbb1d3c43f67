import ArazzoHTTP
import ArazzoJSON
import ArazzoRuntime
import ArazzoSyntax
import ArgumentParser
import Foundation

/// `arazzo validate`: load and check Arazzo documents.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check Arazzo documents and print located diagnostics.",
    usage:
      "arazzo validate FILE… [--format text|json|sarif|github] [--strict]\n[--source NAME=FILE|URL]…",
    discussion: """
      Exit status: 0 when no file has errors (warnings allowed), 2 when any file has an error.

      --format sarif prints a SARIF 2.1.0 log (code scanning); --format github prints \
      GitHub Actions workflow commands (::error file=…,line=…::message), a line each.
      """)

  @Argument(help: "The Arazzo documents (YAML or JSON).")
  var files: [String]

  @Option(help: "Output format: text, json, sarif or github.")
  var format: ValidateFormat = .text

  @Flag(help: "Read documents by the letter of the spec: quirks become errors.")
  var strict = false

  @OptionGroup var sourceOptions: SourceOptions

  func validate() throws {
    guard !files.isEmpty else { throw ValidationError("expected at least one file") }
  }

  func run() throws {
    // The process ends right after printing: skip freeing the loaded documents.
    DocumentLoader.keepDocumentsUntilExit()
    let overrides = sourceOptions.overrides
    let validator = Validator(
      options: ValidationOptions(
        strict: strict, sourceOverrides: overrides, root: sourceOptions.root))
    let reports = files.map { validator.validate(path: $0) }
    // Secrets given as inputs never reach the output, whatever a document made arazzo read.
    let redactor = Redactor(
      secrets: reports.reduce(into: []) { $0.formUnion(InputBinder.knownSecrets(in: $1)) })
    switch format {
    case .text: printText(reports, redactor: redactor)
    case .json: printJSON(reports, redactor: redactor)
    case .sarif:
      let log = DiagnosticRenderer.sarif(
        reports.flatMap(\.diagnostics), toolVersion: Arazzo.versionNumber,
        relativeTo: FileManager.default.currentDirectoryPath)
      Terminal.standardOutput.write(redactor.scrub(JSONPrinter.pretty(log)) + "\n")
    case .github:
      let directory = FileManager.default.currentDirectoryPath
      let lines = reports.flatMap(\.diagnostics).map {
        DiagnosticRenderer.githubCommand($0, relativeTo: directory) + "\n"
      }
      Terminal.standardOutput.write(redactor.scrub(lines.joined()))
    }
    if reports.contains(where: { !$0.isValid }) { throw ExitCode(2) }
  }

  private func printText(_ reports: [ValidationReport], redactor: Redactor) {
    let renderer = DiagnosticRenderer(colored: Terminal.standardOutput.usesColor)
    var out = ""
    for report in reports {
      out += renderer.renderEach(report.diagnostics)
      let verdict = report.isValid ? "valid" : "invalid"
      out +=
        "\(TerminalText.escaped(report.path)): \(verdict) (\(plural(report.errorCount, "error")), "
      out += "\(plural(report.warningCount, "warning")))\n"
      if reports.count > 1 { out += "\n" }
    }
    Terminal.standardOutput.write(redactor.scrub(out))
  }

  private func printJSON(_ reports: [ValidationReport], redactor: Redactor) {
    var files: [JSONValue] = []
    for report in reports {
      var o = JSONObject()
      o["path"] = .string(report.path)
      o["valid"] = .bool(report.isValid)
      o["errors"] = .integer(report.errorCount)
      o["warnings"] = .integer(report.warningCount)
      o["diagnostics"] = .array(report.diagnostics.map(DiagnosticRenderer.json))
      files.append(.object(o))
    }
    var root = JSONObject()
    root["files"] = .array(files)
    root["errors"] = .integer(reports.reduce(0) { $0 + $1.errorCount })
    root["warnings"] = .integer(reports.reduce(0) { $0 + $1.warningCount })
    Terminal.standardOutput.write(redactor.scrub(JSONPrinter.pretty(.object(root))) + "\n")
  }

  private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// `--format` values.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// `validate --format` values: `OutputFormat`'s and the CI forms.
enum ValidateFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, sarif, github
}
