/// Serialises `JSONValue`s as JSON text: compact, or pretty with two-space indentation.
///
/// Keys keep their order; integers print as written; other numbers print in the shortest form
/// that reads back to the same `Double` (`1.5`, `1e+20`), with integral doubles as `2.0`.
public enum JSONPrinter {
  public static func compact(_ value: JSONValue) -> String {
    var out = ""
    write(value, to: &out, indent: nil, level: 0)
    return out
  }

  public static func pretty(_ value: JSONValue) -> String {
    var out = ""
    write(value, to: &out, indent: "  ", level: 0)
    return out
  }

  private static func write(_ value: JSONValue, to out: inout String, indent: String?, level: Int) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let i): out += String(i)
    case .number(let d): out += format(d)
    case .string(let s): writeString(s, to: &out)
    case .array(let a):
      if a.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, element) in a.enumerated() {
        if i > 0 { out += "," }
        newline(&out, indent, level + 1)
        write(element, to: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent, level)
      out += "]"
    case .object(let o):
      if o.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      var first = true
      for (key, element) in o {
        if !first { out += "," }
        first = false
        newline(&out, indent, level + 1)
        writeString(key, to: &out)
        out += indent == nil ? ":" : ": "
        write(element, to: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent, level)
      out += "}"
    }
  }

  private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
    guard let indent else { return }
    out += "\n"
    for _ in 0..<level { out += indent }
  }

  /// Formats a double the way JSON readers expect; non-finite values become `null`.
  public static func format(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    return d.description
  }

  /// Writes a JSON string literal with the mandatory escapes.
  public static func writeString(_ s: String, to out: inout String) {
    writeString(s, quote: "\"", to: &out)
  }

  /// Writes a string literal delimited by `quote` (`"` for JSON, `'` for JSONPath normalized
  /// paths), escaping that quote, backslash and control characters (`TerminalText`'s escapes).
  /// With `terminalSafe` (JSON), DEL and C1 controls are escaped too (`\u007f`; JSON allows
  /// them raw, a terminal does not); RFC 9535's normal form escapes only U+0000–U+001F.
  public static func writeString(
    _ s: String, quote: Unicode.Scalar, terminalSafe: Bool = true, to out: inout String
  ) {
    out.unicodeScalars.append(quote)
    for scalar in s.unicodeScalars {
      switch scalar {
      case quote: out += "\\"; out.unicodeScalars.append(quote)
      case "\\": out += "\\\\"
      default:
        if scalar.value < 0x20 || (terminalSafe && TerminalText.isControl(scalar)) {
          TerminalText.appendEscape(of: scalar, to: &out)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out.unicodeScalars.append(quote)
  }
}

extension JSONValue: CustomStringConvertible {
  /// Compact JSON text.
  public var description: String { JSONPrinter.compact(self) }
}
