/// Text from documents, servers and the command line, made safe to print on a terminal.
///
/// A document or a server can hold control characters (`ESC [ 2 J` clears the screen, `ESC ] 8`
/// makes links, BEL rings, CR overwrites the line already shown). Everything `arazzo` prints
/// about its input goes through `escaped`, which writes each control character in the notation
/// of JSON strings, the one `--format json` and the debugger's JSON values already use: `\n`,
/// `\r`, `\b`, `\f`, and `\u001b` for the others. Tab is kept (it is harmless, and the carets
/// under a tab-indented line need it). A backslash is not doubled: the text stays as written
/// unless it holds a control character.
public enum TerminalText {
  /// Whether a terminal may act on `scalar`: C0 (U+0000–U+001F), DEL (U+007F) and C1
  /// (U+0080–U+009F, which some terminals read as ESC sequences).
  @inline(__always)
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
  }

  /// Appends the JSON escape of control character `scalar` (`\n`, `\u001b`, …).
  public static func appendEscape(of scalar: Unicode.Scalar, to out: inout String) {
    switch scalar {
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case "\u{08}": out += "\\b"
    case "\u{0C}": out += "\\f"
    default:
      let hex = String(scalar.value, radix: 16)
      out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
  }

  /// How many columns `scalar` takes when shown: its escape's length for a control character
  /// other than tab, else 1.
  static func width(of scalar: Unicode.Scalar) -> Int {
    guard isControl(scalar), scalar != "\t" else { return 1 }
    switch scalar {
    case "\n", "\r", "\u{08}", "\u{0C}": return 2
    default: return 6
    }
  }

  /// `text` with every control character but tab (and line feed, with `keepingNewlines`, for
  /// texts of several lines) escaped. Text without one is returned as it is, found by one scan
  /// of its UTF-8 bytes.
  public static func escaped(_ text: some StringProtocol, keepingNewlines: Bool = false) -> String {
    escaped(String(text), keepingNewlines: keepingNewlines)
  }

  /// `escaped` for a `String` (the common case, and a concrete function: the generic one is
  /// not specialised for callers in other modules, and a reporter calls it for every line).
  public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
    guard needsEscaping(text, keepingNewlines: keepingNewlines) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      if isControl(scalar), scalar != "\t", !(keepingNewlines && scalar == "\n") {
        appendEscape(of: scalar, to: &out)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Whether `text` holds a control character `escaped` would rewrite. C1 characters are the
  /// UTF-8 pairs `C2 80` … `C2 9F`.
  private static func needsEscaping(_ text: String, keepingNewlines: Bool) -> Bool {
    var afterC2 = false
    for byte in text.utf8 {
      if byte < 0x20 {
        if byte != 0x09 && !(keepingNewlines && byte == 0x0A) { return true }
      } else if byte == 0x7F || (afterC2 && byte <= 0x9F) {
        return true
      }
      afterC2 = byte == 0xC2
    }
    return false
  }

  /// `text` cut to its first `limit` characters (Unicode scalars, as columns count) and
  /// `… (N more characters)`, when it is long enough for the cut to save something.
  public static func shortened(_ text: String, limit: Int) -> String {
    let tail = 32
    // Most texts are short: their UTF-8 length bounds their scalar count.
    guard text.utf8.count > limit + tail else { return text }
    let scalars = text.unicodeScalars
    guard
      let end = scalars.index(
        scalars.startIndex, offsetBy: max(limit, 0), limitedBy: scalars.endIndex)
    else { return text }
    let rest = scalars[end...].count
    guard rest > tail else { return text }
    return String(scalars[..<end]) + "… (\(rest) more characters)"
  }
}
