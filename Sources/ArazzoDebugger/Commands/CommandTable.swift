import ArazzoJSON

/// Every command the debugger's shell understands. The shell dispatches on these; everything
/// a person reads about them (`:help`, Tab completion, README's reference) comes from the one
/// `CommandTable`.
public enum CommandKind: String, CaseIterable, Sendable {
  // Stepping
  case step, next, finish, stepi, `continue`
  // Breakpoints
  case `break`, tbreak, delete, breakpoints
  // Inspection
  case eval, print, request, response, watch, unwatch, `where`, list, ir, graph
  // Teaching
  case explain
  // Time travel
  case history, back, frame
  // Changing course
  case set, goto, retry, restart, save
  // Session
  case help, quit
}

/// One command: its names, its argument parser, its handler, and the texts that teach it. The
/// shell has no switch of its own: it looks the name up here, parses the argument with
/// `argument` and calls `run` (cmd.Cmd's `onecmd` → `do_<word>`, as data).
public struct CommandSpec: Sendable {
  /// What a command does, given the shell and its parsed invocation.
  public typealias Handler = @Sendable (DebugShell, Invocation) async -> Void

  public let kind: CommandKind
  /// The full name with its colon (`:step`).
  public let name: String
  /// Short names with their colons (`[":s"]`); unique across the table.
  public let aliases: [String]
  /// The command as typed, arguments in capitals, optional parts in brackets.
  public let synopsis: String
  /// One line for `:help`'s overview and README's table (no final period).
  public let summary: String
  /// What the command does, in a paragraph, then examples from the seed (`:help COMMAND`).
  public let details: String
  /// The paragraph of `details` alone.
  public let explanation: String
  /// The example command lines of `details`, each as typed.
  public let examples: [String]
  /// `Stepping`, `Breakpoints`, `Inspection`, `Teaching`, `Time travel`, `Changing course` or
  /// `Session`: `:help` groups by it, in `CommandTable.categories`' order.
  public let category: String
  /// What it takes after its name: the parser that feeds `run`, completion and the grammar.
  public let argument: ArgumentKind
  /// What it does.
  let run: Handler

  /// Whether the command moves the run (`:step`, `:next`, `:finish`, `:stepi`, `:continue`):
  /// an empty line repeats the last of these, and only these.
  public var isStepping: Bool {
    switch kind {
    case .step, .next, .finish, .stepi, .continue: return true
    default: return false
    }
  }

  /// Every name the command answers to, the full name first.
  public var names: [String] { [name] + aliases }

  init(
    _ kind: CommandKind, aliases: [String] = [], synopsis: String? = nil, category: String,
    argument: ArgumentKind = .none, summary: String, explanation: String, examples: [String],
    run: @escaping Handler
  ) {
    self.run = run
    self.kind = kind
    self.name = ":" + kind.rawValue
    self.aliases = aliases
    self.synopsis = synopsis ?? ":" + kind.rawValue
    self.category = category
    self.argument = argument
    self.summary = summary
    self.explanation = explanation
    self.examples = examples
    var details = explanation
    if !examples.isEmpty {
      details += "\n\nExample" + (examples.count > 1 ? "s" : "") + ":\n"
      details += examples.map { "  " + $0 }.joined(separator: "\n")
    }
    self.details = details
  }
}

/// The one command table. A name is always typed with its colon (`:step`, `:s`): a bare word
/// such as `step` is not a command, so that the `$`-less words of a condition or a mistyped
/// expression are never run by accident; `parseInput` answers it with the colon form as a
/// suggestion instead.
public enum CommandTable {
  /// Every command, in the order `:help` and README list them.
  public static let all: [CommandSpec] = catalog

  /// The categories in display order.
  public static let categories = [
    "Stepping", "Breakpoints", "Inspection", "Teaching", "Time travel", "Changing course",
    "Session",
  ]

  /// The spec of a command (every kind has exactly one; the tests check it).
  public static func spec(_ kind: CommandKind) -> CommandSpec {
    // `all` is built from `catalog`, which lists every kind; the fallback is unreachable but
    // keeps this total without a trap.
    all.first { $0.kind == kind } ?? all[0]
  }

  /// The command a typed word names: a full name or an alias, colon included (`:s`, `:step`).
  /// Case matters, as in pdb; `nil` for anything else, bare words included.
  public static func lookup(_ word: String) -> CommandSpec? {
    byName[word]
  }

  /// The command a `:help` topic names: `break`, `:break` or `:b`.
  public static func lookup(topic: String) -> CommandSpec? {
    lookup(topic) ?? lookup(":" + topic)
  }

  /// The command meant by a word that is not one (`:stp` → `:step`, `step` → `:step`,
  /// `:STEP` → `:step`): its full name, or nil when nothing is close.
  public static func suggestion(for word: String) -> String? {
    let typed = word.hasPrefix(":") ? word : ":" + word
    if let exact = lookup(typed) { return exact.name }
    let candidates = all.flatMap(\.names)
    guard typed.count > 1 else { return spec(.help).name }
    return EditDistance.suggestion(for: typed, among: candidates).flatMap { lookup($0)?.name }
  }

  private static let byName: [String: CommandSpec] = {
    var table: [String: CommandSpec] = [:]
    for spec in all {
      for name in spec.names where table[name] == nil { table[name] = spec }
    }
    return table
  }()
}
