/// What pressing Tab does to the line.
///
/// It is decided from the completion provider's candidates for the last word (the text after
/// the last space or tab left of the cursor). Pure, so it is tested without a terminal;
/// `EditLineReader` applies it to libedit's buffer.
public enum TabCompletion: Equatable, Sendable {
  /// Insert this text at the cursor.
  case insert(String)
  /// Delete `count` characters (Unicode scalars, as libedit counts them) left of the cursor,
  /// then insert `text`: a candidate that does not extend what was typed (say, another case).
  case replace(count: Int, with: String)
  /// Nothing to add: show the candidates under the line and redraw it.
  case list([String])
  /// No candidate.
  case beep

  /// Characters that end a prefix to go on from (`$steps.`, `$response.body#/`, `$steps[`):
  /// a single candidate ending in one gets no space after it.
  public static let continuing: Set<Character> = [".", "/", "#", "["]

  /// The completion of `textLeftOfCursor` given the provider's `candidates` for its last word.
  public static func decide(textLeftOfCursor: String, candidates: [String]) -> TabCompletion {
    let word = lastWord(of: textLeftOfCursor)
    var seen = Set<String>()
    let unique = candidates.filter { seen.insert($0).inserted }
    guard let first = unique.first else { return .beep }
    if unique.count == 1 {
      let last = first.last
      let completed = last.map { continuing.contains($0) } == true ? first : first + " "
      return edit(word: word, into: completed) ?? .beep
    }
    let prefix = unique.dropFirst().reduce(first) { commonPrefix($0, $1) }
    if prefix.count >= word.count, let edit = edit(word: word, into: prefix) { return edit }
    return .list(unique)
  }

  /// The text after the last space or tab.
  public static func lastWord(of text: String) -> String {
    guard let blank = text.lastIndex(where: { $0 == " " || $0 == "\t" }) else { return text }
    return String(text[text.index(after: blank)...])
  }

  /// The edit turning `word` into `target`; nil when there is nothing to change.
  private static func edit(word: String, into target: String) -> TabCompletion? {
    if target == word { return nil }
    if target.hasPrefix(word) { return .insert(String(target.dropFirst(word.count))) }
    return .replace(count: word.unicodeScalars.count, with: target)
  }

  private static func commonPrefix(_ a: String, _ b: String) -> String {
    var end = a.startIndex
    for (x, y) in zip(a.indices, b) {
      guard a[x] == y else { break }
      end = a.index(after: x)
    }
    return String(a[..<end])
  }
}

/// The candidates laid out in columns, top to bottom then left to right, as `ls` does, within
/// `width` columns of terminal; one candidate per line when even two columns do not fit.
public func candidateColumns(_ candidates: [String], width: Int) -> String {
  guard !candidates.isEmpty else { return "" }
  let cell = (candidates.map(\.count).max() ?? 0) + 2
  let columns = max(1, min(candidates.count, (width + 2) / cell))
  let rows = (candidates.count + columns - 1) / columns
  var lines: [String] = []
  for row in 0..<rows {
    var line = ""
    for column in 0..<columns {
      let index = column * rows + row
      guard index < candidates.count else { break }
      let word = candidates[index]
      line += word + String(repeating: " ", count: cell - word.count)
    }
    lines.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
  }
  return lines.joined(separator: "\n")
}
