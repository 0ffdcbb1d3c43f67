/// Levenshtein distances, for "did you mean" suggestions everywhere in the tool.
public enum EditDistance {
  /// The edit distance between two sequences (insertions, deletions, substitutions).
  public static func between<C: Collection>(_ a: C, _ b: C) -> Int where C.Element: Equatable {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The distance between two strings, compared by Unicode scalars.
  public static func between(_ a: String, _ b: String) -> Int {
    between(Array(a.unicodeScalars), Array(b.unicodeScalars))
  }

  /// The closest candidate to `name`: a case-insensitive match, or one within a small distance.
  public static func suggestion(for name: String, among candidates: [String]) -> String? {
    if let same = candidates.first(where: { $0.lowercased() == name.lowercased() }) { return same }
    let limit = max(1, min(3, name.count / 3))
    var best: (String, Int)?
    let length = name.unicodeScalars.count
    for candidate in candidates {
      // The distance is at least the difference in length: a 10 MB value is compared with nothing.
      guard abs(candidate.unicodeScalars.count - length) <= limit else { continue }
      let d = between(name.lowercased(), candidate.lowercased())
      if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
  }
}
