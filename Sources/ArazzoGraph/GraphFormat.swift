import Foundation

/// The forms a graph is written in: `arazzo graph --format` and the file `:graph FILE` writes.
public enum GraphFormat: String, Sendable, CaseIterable {
  /// A Mermaid flowchart (text).
  case mermaid
  /// Graphviz's DOT language (text).
  case dot
  /// A picture drawn by Graphviz's `dot`.
  case svg, png

  /// The format a file name asks for by its extension (`.mmd`, `.dot`/`.gv`, `.svg`, `.png`),
  /// nil for any other.
  public init?(fileName: String) {
    let lower = fileName.lowercased()
    let table: [(String, GraphFormat)] = [
      (".mmd", .mermaid), (".mermaid", .mermaid), (".dot", .dot), (".gv", .dot), (".svg", .svg),
      (".png", .png),
    ]
    guard let match = table.first(where: { lower.hasSuffix($0.0) }) else { return nil }
    self = match.1
  }

  /// The extensions `init(fileName:)` knows, for messages.
  public static let fileExtensions = ".mmd, .dot, .gv, .svg, .png"

  /// Whether the output is text (and so may go to a terminal).
  public var isText: Bool { self == .mermaid || self == .dot }

  /// `graph` with `marks` in this format; `scrub` is applied to the text before it is written
  /// or drawn (the caller's redaction). SVG and PNG run Graphviz's `dot`.
  public func render(
    _ graph: WorkflowGraph, marks: GraphMarks = .none, scrub: (String) -> String = { $0 }
  ) throws(Graphviz.Failure) -> Data {
    switch self {
    case .mermaid: return Data(scrub(MermaidRenderer.render(graph, marks: marks)).utf8)
    case .dot: return Data(scrub(DOTRenderer.render(graph, marks: marks)).utf8)
    case .svg, .png:
      let format: Graphviz.Format = self == .svg ? .svg : .png
      return try Graphviz.render(scrub(DOTRenderer.render(graph, marks: marks)), format: format)
    }
  }
}
