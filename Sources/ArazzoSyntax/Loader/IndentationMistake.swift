import ArazzoJSON

/// The likeliest cause of libyaml's "mapping values are not allowed in this context" (or "did
/// not find expected key", inside a sequence item) on a line that starts with a key: the key is indented deeper than the key on the line above, which
/// already has a value on its own line, so the deeper key cannot start a nested mapping.
///
///     info:
///       title: t
///         version: '1'      ← indented deeper than 'title'
///
/// libyaml reads `t version` as one plain value and fails at the second ':'; the message names
/// the indentation instead.
struct IndentationMistake {
  /// The column (1-based) where the misplaced key starts.
  let column: Int
  /// The key above it, its line and column.
  let siblingKey: String
  let siblingLine: Int
  let siblingColumn: Int

  var message: String {
    "this key is indented deeper than '\(siblingKey)' on line \(siblingLine), which already has a "
      + "value; keys of one mapping must line up"
  }

  /// The mistake on line `line` (1-based) of `file`, if that is what the line shows.
  init?(line: Int, in file: SourceFile) {
    guard let text = file.line(line), let here = Self.key(in: text) else { return nil }
    // The nearest line above that holds content (not blank, not only a comment); bounded by
    // the line number.
    var above = line - 1
    while above >= 1, let candidate = file.line(above), Self.isBlank(candidate) { above -= 1 }
    guard above >= 1, let previous = file.line(above), let sibling = Self.key(in: previous),
      sibling.hasInlineValue, here.column > sibling.column
    else { return nil }
    column = here.column
    siblingKey = sibling.name
    siblingLine = above
    siblingColumn = sibling.column
  }

  /// A line's block-mapping key: where it starts (after indentation and any `- ` indicators),
  /// its name, and whether a value follows its ':' on the same line.
  private static func key(in line: Substring) -> (column: Int, name: String, hasInlineValue: Bool)?
  {
    let characters = Array(line.prefix(4096))
    var i = 0
    while i < characters.count {
      if characters[i] == " " {
        i += 1
      } else if characters[i] == "-", i + 1 < characters.count, characters[i + 1] == " " {
        i += 2
      } else {
        break
      }
    }
    let start = i
    guard start < characters.count, !"#\"'{[&*!|>%@`".contains(characters[start]) else {
      return nil
    }
    // The key runs to the first ": " (or ':' at the end of the line).
    var j = start
    while j < characters.count {
      if characters[j] == ":", j + 1 == characters.count || characters[j + 1] == " " { break }
      if characters[j] == "#", j > start, characters[j - 1] == " " { return nil }
      j += 1
    }
    guard j < characters.count, j > start else { return nil }
    let name = String(characters[start..<j]).trimmingTrailingSpaces()
    let rest = characters[(j + 1)...].drop { $0 == " " }
    let hasValue = !(rest.first.map { $0 == "#" } ?? true)
    return (start + 1, name, hasValue)
  }

  private static func isBlank(_ line: Substring) -> Bool {
    let content = line.drop { $0 == " " || $0 == "\t" }
    return content.isEmpty || content.first == "#"
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
