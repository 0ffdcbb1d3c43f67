import ArazzoGraph
import ArazzoJSON
import ArgumentParser
import Foundation

/// `arazzo graph`: draw a document's control flow, from the lowered program.
struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Draw the control flow of an Arazzo document's workflows.",
    usage: """
      arazzo graph FILE [--workflow ID] [--format mermaid|dot|svg|png]
                   [-o FILE] [--strict] [--source NAME=FILE|URL]… [--root DIR]
      """,
    discussion: """
      The graph is drawn from the lowered IR, so it shows what runs: a node per step, edges \
      for next, every named action and the default failure, sub-workflows in their own box, \
      dependsOn dashed, the outputs at return. Mermaid and DOT are text; SVG and PNG are drawn \
      by Graphviz's `dot` (apt package graphviz). Exit status: 0 when the graph was written, \
      1 when it could not be drawn or written, 2 for an invalid document or a usage error.
      """)

  @Argument(help: "The Arazzo document (YAML or JSON).")
  var file: String

  @Option(help: "Draw only this workflow and those it reaches (its program name).")
  var workflow: String?

  @Option(help: "The output: Mermaid or DOT text, or an SVG or PNG picture.")
  var format: GraphFormat = .mermaid

  @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file.", valueName: "FILE"))
  var output: String?

  @Flag(help: "Read the document by the letter of the spec: quirks become errors.")
  var strict = false

  @OptionGroup var sourceOptions: SourceOptions

  func run() throws {
    if output == nil, !format.isText, isatty(STDOUT_FILENO) == 1 {
      Terminal.standardError.writeLine(
        "error: a \(format.rawValue) picture is not written to a terminal; use -o FILE")
      throw ExitCode(2)
    }
    let (program, redactor) = try LowerCommand.lower(file, strict: strict, sources: sourceOptions)
    let graph: WorkflowGraph
    do {
      graph = try WorkflowGraph(program: program, workflow: workflow)
    } catch {
      Terminal.standardError.writeLine("error: " + error.message)
      throw ExitCode(2)
    }
    let data: Data
    do {
      data = try format.render(graph, scrub: redactor.scrub)
    } catch {
      Terminal.standardError.writeLine("error: " + error.message)
      throw ExitCode(1)
    }
    guard let output else {
      FileHandle.standardOutput.write(data)
      return
    }
    do {
      try data.write(to: URL(fileURLWithPath: output))
    } catch {
      Terminal.standardError.writeLine(
        "error: cannot write '\(output)': \(error.localizedDescription)")
      throw ExitCode(1)
    }
  }
}

extension GraphFormat: ExpressibleByArgument {}
