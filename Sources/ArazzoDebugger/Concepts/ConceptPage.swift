/// One page about a concept of the Arazzo spec (goto, criteria, jsonpath, …), for `:help TOPIC`
/// in the debugger and `arazzo explain TOPIC`: a short explanation, the spec section, and a
/// runnable example quoted from a file under `examples/` (a test checks the file exists, the
/// snippet is in it, and the command runs). The pages are data, in `ConceptPages.all`.
public struct ConceptPage: Sendable {
  /// The name typed after `:help` (`goto`); lower case, no blanks.
  public let topic: String
  /// Other names it answers to (`onSuccess` for `actions`), matched ignoring case.
  public let aliases: [String]
  /// One line: what the concept is.
  public let title: String
  /// A paragraph or two, wrapped at 96 columns.
  public let explanation: String
  /// The spec section, with its address.
  public let spec: String
  /// The example file, relative to the repository root.
  public let file: String
  /// Lines quoted verbatim from `file`, indentation included.
  public let snippet: String
  /// The command that runs the example (`arazzo debug examples/…`).
  public let command: String
  /// Debugger commands to type once it runs (`:break nextPage`), if any.
  public let tryCommands: [String]
  /// Related topics.
  public let seeAlso: [String]

  init(
    _ topic: String, aliases: [String] = [], title: String, spec: String, file: String,
    command: String, tryCommands: [String] = [], seeAlso: [String] = [], explanation: String,
    snippet: String
  ) {
    self.topic = topic
    self.aliases = aliases
    self.title = title
    self.explanation = explanation
    self.spec = spec
    self.file = file
    self.snippet = snippet
    self.command = command
    self.tryCommands = tryCommands
    self.seeAlso = seeAlso
  }

  /// The page as `:help TOPIC` and `arazzo explain TOPIC` print it (no final newline).
  public func render() -> String {
    var out = "\(topic): \(title)\nspec: \(spec)\n\n\(explanation)\n\n"
    out += "From \(file):\n\n" + Self.dedented(snippet).map { "    " + $0 }.joined(separator: "\n")
    out += "\n\nRun it:\n  \(command)"
    if !tryCommands.isEmpty {
      out += "\nthen type: " + tryCommands.joined(separator: "   ")
    }
    if !seeAlso.isEmpty { out += "\n\nSee also: " + seeAlso.joined(separator: ", ") }
    return out
  }

  /// The snippet's lines with their common indentation removed.
  static func dedented(_ text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let indent =
      lines.filter { !$0.allSatisfy(\.isWhitespace) }
      .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
    return lines.map { String($0.dropFirst(min(indent, $0.prefix(while: { $0 == " " }).count))) }
  }
}

/// The concept pages, and how a typed topic finds one.
public enum ConceptPages {
  /// Every page, in the order a learner would read them.
  public static let all: [ConceptPage] = structure + data + criteria + flow

  /// The page a topic names: its topic or an alias, ignoring case and a leading `$`.
  public static func page(for typed: String) -> ConceptPage? {
    let key = typed.lowercased()
    return all.first { page in
      page.topic == key || page.aliases.contains { $0.lowercased() == key }
    }
  }

  /// The topics, as `:help` with no argument and an unknown topic list them.
  public static var topicList: String {
    all.map(\.topic).joined(separator: ", ")
  }

  /// The example commands, shared by the pages that run the same document.
  static let petshop =
    "arazzo debug examples/petshop/arazzo/petshop.arazzo.yaml --replay examples/petshop/recordings/adopt.har --input username=alice --input password=wonderland"
  static let criteriaExample =
    "arazzo debug examples/petshop/arazzo/criteria.arazzo.yaml --replay examples/petshop/recordings/adopt.har --input username=alice --input password=wonderland"
  static let seed =
    "arazzo debug examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml --replay examples/dbt-cloud/recordings/success.har --inputs examples/dbt-cloud/recordings/success.inputs.json"
  static let petshopFile = "examples/petshop/arazzo/petshop.arazzo.yaml"
  static let criteriaFile = "examples/petshop/arazzo/criteria.arazzo.yaml"
  static let seedFile = "examples/dbt-cloud/arazzo/dbt-cloud-trigger-run-and-poll.arazzo.yaml"

  static func section(_ title: String, _ anchor: String) -> String {
    "Arazzo 1.0.1, \(title): https://spec.openapis.org/arazzo/v1.0.1#\(anchor)"
  }
}
