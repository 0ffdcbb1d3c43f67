/// The texts that teach the commands, all generated from `CommandTable` so they cannot drift:
/// `:help`, `:help COMMAND` and README's command reference. Every text ends without a newline.
public enum HelpText {
  /// `:help`: the commands by category, one line each (names, aliases, summary), and how
  /// bare input works.
  ///
  /// ```
  /// Stepping
  ///   :step         :s          Run to the next pause point, into sub-workflows
  /// ```
  public static func overview() -> String {
    let nameWidth = CommandTable.all.map(\.name.count).max() ?? 0
    let aliasWidth = CommandTable.all.map { aliasList($0).count }.max() ?? 0
    var lines: [String] = []
    for (category, specs) in grouped() {
      if !lines.isEmpty { lines.append("") }
      lines.append(category)
      for spec in specs {
        lines.append(
          "  " + padded(spec.name, nameWidth + 2) + padded(aliasList(spec), aliasWidth + 2)
            + spec.summary)
      }
    }
    lines.append("")
    lines += [
      "Input starting with $ is evaluated, as :eval does: $response.body#/data/status",
      "An empty line repeats the last stepping command. Ctrl-C pauses a running :continue;",
      "Ctrl-D quits. Type :help COMMAND (or :help break, :help :b) for details and examples.",
      "",
      "Concepts of the spec, each with an example to run: :help TOPIC, TOPIC one of",
    ]
    lines += wrapped(ConceptPages.all.map(\.topic), width: 92).map { "  " + $0 }
    return lines.joined(separator: "\n")
  }

  /// `:help COMMAND`: the synopsis, the aliases, the summary, then the paragraph and examples.
  public static func help(for spec: CommandSpec) -> String {
    var out = spec.synopsis
    if !spec.aliases.isEmpty {
      out +=
        "\n" + (spec.aliases.count == 1 ? "alias: " : "aliases: ")
        + spec.aliases.joined(separator: ", ")
    }
    out += "\n\n" + spec.summary + ".\n\n" + spec.details
    return out
  }

  /// `:help TOPIC` for what a person may type as the topic: a command (`break`, `:break`,
  /// `:b`) or a concept of the spec (`jsonpath`, `onSuccess`). A word with a colon is always a
  /// command; a bare word that is both (`goto`, `retry`) shows the concept, then says how to
  /// see the command. For an unknown topic, a line saying so with the closest command, then
  /// the topics.
  public static func help(topic: String) -> String {
    let topic = topic.trimmingWhitespace()
    if topic.isEmpty { return overview() }
    if !topic.hasPrefix(":"), let page = ConceptPages.page(for: topic) {
      var out = page.render()
      if let spec = CommandTable.lookup(topic: topic) {
        out += "\n\nThe debugger command \(spec.name): :help \(spec.name)"
      }
      return out
    }
    if let spec = CommandTable.lookup(topic: topic) { return help(for: spec) }
    var out = "no command or topic '\(topic)'"
    if let near = CommandTable.suggestion(for: topic), topic.count > 1 {
      out += "; did you mean \(near)?"
    }
    return out + " (:help lists the commands)\ntopics: " + ConceptPages.topicList
  }

  /// README's command reference: a table per category (synopsis, aliases, summary). README
  /// contains this text verbatim; a test compares them.
  public static func markdownReference() -> String {
    var out = """
      Generated from the debugger's command table, the same one `:help` prints; `:help COMMAND`
      adds a paragraph and examples. Names need their colon; input starting with `$` is
      evaluated as `:eval` would, and an empty line repeats the last stepping command.
      """
    for (category, specs) in grouped() {
      out += "\n\n**\(category)**\n\n| Command | Aliases | What it does |\n|---|---|---|"
      for spec in specs {
        let aliases = spec.aliases.map { "`\($0)`" }.joined(separator: " ")
        out += "\n| \(code(spec.synopsis)) | \(aliases) | \(markdown(spec.summary)) |"
      }
    }
    return out
  }

  // MARK: Helpers

  private static func grouped() -> [(String, [CommandSpec])] {
    CommandTable.categories.compactMap { category in
      let specs = CommandTable.all.filter { $0.category == category }
      return specs.isEmpty ? nil : (category, specs)
    }
  }

  /// Words joined by ", " into lines of at most `width` characters.
  public static func wrapped(_ words: [String], width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for (i, word) in words.enumerated() {
      let piece = word + (i + 1 < words.count ? "," : "")
      if !line.isEmpty, line.count + 1 + piece.count > width {
        lines.append(line)
        line = piece
      } else {
        line += (line.isEmpty ? "" : " ") + piece
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  private static func aliasList(_ spec: CommandSpec) -> String {
    spec.aliases.joined(separator: ", ")
  }

  private static func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  /// A code span for a table cell: `|` escaped (GitHub tables split on it even in code).
  private static func code(_ text: String) -> String {
    "`" + text.replacingPipes() + "`"
  }

  /// Summary text for a table cell: command names and `$…` words set as code, pipes escaped.
  private static func markdown(_ text: String) -> String {
    text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
      let core = word.trimmingCharacters(in: ",;()")
      guard core.hasPrefix(":") || core.hasPrefix("$"), core.count > 1 else {
        return String(word).replacingPipes()
      }
      return String(word).replacingFirst(core, with: "`" + core + "`")
    }.joined(separator: " ")
  }
}

extension String {
  fileprivate func replacingPipes() -> String {
    var out = ""
    for c in self { out += c == "|" ? "\\|" : String(c) }
    return out
  }

  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = firstRange(of: target) else { return self }
    return self[..<range.lowerBound] + replacement + self[range.upperBound...]
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = self
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}
