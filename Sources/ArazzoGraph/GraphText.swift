import ArazzoJSON

/// Label text as every renderer starts from it: a document's names with nothing left that
/// could act on a screen or hide what it says.
enum GraphText {
  /// `text` with control characters escaped as `TerminalText` escapes them (`\u001b`), and
  /// the invisible characters that can reorder or hide text (format characters such as
  /// U+202E RIGHT-TO-LEFT OVERRIDE or U+200B ZERO WIDTH SPACE, line and paragraph separators)
  /// escaped the same way, so a label shows what the document wrote.
  static func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if TerminalText.isControl(scalar) || isInvisible(scalar) {
        TerminalText.appendEscape(of: scalar, to: &out)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
      return true
    default:
      return false
    }
  }
}
