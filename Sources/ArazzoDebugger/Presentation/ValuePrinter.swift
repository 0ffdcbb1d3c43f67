import ArazzoJSON

/// Prints JSON values for people: indented, keys in document order, strings JSON-quoted, and
/// long arrays cut short (`… 17 more`) so one `:print $steps` does not flood the terminal.
///
/// ```
/// {
///   "data": [
///     "manifest.json",
///     "catalog.json",
///     … 1 more
///   ]
/// }
/// ```
///
/// The result is JSON unless something was elided; it ends without a newline.
public enum ValuePrinter {
  /// `value` indented by `indent` spaces per level (0: all on one line, JSON's compact form),
  /// showing at most `maxItems` elements of each array (nil: all).
  public static func pretty(_ value: JSONValue, indent: Int = 2, maxItems: Int? = nil) -> String {
    var out = ""
    let unit = indent > 0 ? String(repeating: " ", count: indent) : nil
    write(value, to: &out, unit: unit, level: 0, maxItems: maxItems.map { max($0, 0) })
    return out
  }

  private static func write(
    _ value: JSONValue, to out: inout String, unit: String?, level: Int, maxItems: Int?
  ) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let i): out += String(i)
    case .number(let d): out += JSONPrinter.format(d)
    case .string(let s): JSONPrinter.writeString(s, to: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      let shown = min(items.count, maxItems ?? items.count)
      out += "["
      for (i, item) in items.prefix(shown).enumerated() {
        if i > 0 { out += "," }
        newline(&out, unit, level + 1)
        write(item, to: &out, unit: unit, level: level + 1, maxItems: maxItems)
      }
      if shown < items.count {
        if shown > 0 { out += "," }
        newline(&out, unit, level + 1)
        out += "… \(items.count - shown) more"
      }
      newline(&out, unit, level)
      out += "]"
    case .object(let object):
      guard !object.isEmpty else {
        out += "{}"
        return
      }
      out += "{"
      var first = true
      for (key, member) in object {
        if !first { out += "," }
        first = false
        newline(&out, unit, level + 1)
        JSONPrinter.writeString(key, to: &out)
        out += unit == nil ? ":" : ": "
        write(member, to: &out, unit: unit, level: level + 1, maxItems: maxItems)
      }
      newline(&out, unit, level)
      out += "}"
    }
  }

  private static func newline(_ out: inout String, _ unit: String?, _ level: Int) {
    guard let unit else { return }
    out += "\n"
    for _ in 0..<level { out += unit }
  }
}
