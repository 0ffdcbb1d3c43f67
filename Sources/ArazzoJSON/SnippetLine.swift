/// One source line as diagnostics and the debugger show it, with the caret underline that lines
/// up with it.
///
/// Control characters are escaped (`TerminalText`; `\u001b` takes six columns, and the carets
/// under it six too), and a line wider than `maxWidth` columns is cut to a window around the
/// span with `…` on each cut side, so a 10 MB line costs a few hundred bytes:
///
/// ```
/// 2 | …xxxxxxxxxxxxxxxxxxxxxxxx, version: 1}…
///   |                          ^^^^^^^^^^
/// ```
public struct SnippetLine: Sendable, Equatable {
  /// The line as shown.
  public var text: String
  /// The padding up to the span (tabs kept, so the carets line up under tab-indented text).
  public var padding: String
  /// A caret per column of the span shown, stopping at the line's end (at least one when the
  /// span has a length).
  public var carets: String

  /// The most columns a line shows before it is cut.
  public static let maxWidth = 120
  /// Columns shown before the span's start when a line is cut.
  static let lead = 40

  /// `line` with the underline of the 1-based `column` and `length` scalars (nil: no span; the
  /// window then starts at the line's start).
  public init(
    _ line: Substring, column: Int? = nil, length: Int = 0, maxWidth: Int = SnippetLine.maxWidth
  ) {
    let scalars = line.unicodeScalars
    let start = max((column ?? 1) - 1, 0)
    // The window: all of a narrow line, else from `lead` columns before the span's start.
    var first = scalars.startIndex
    if !Self.fits(scalars, maxWidth) {
      first = scalars.index(first, offsetBy: start, limitedBy: scalars.endIndex) ?? scalars.endIndex
      var before = 0
      while first > scalars.startIndex {
        let previous = scalars.index(before: first)
        before += TerminalText.width(of: scalars[previous])
        if before > Self.lead { break }
        first = previous
      }
    }
    let cutBefore = first > scalars.startIndex
    var text = cutBefore ? "…" : ""
    var padding = cutBefore ? " " : ""
    var caretCount = 0
    var width = cutBefore ? 1 : 0
    var index = first
    var position = scalars.distance(from: scalars.startIndex, to: first)
    let spanEnd = start + max(length, 0)
    var cutAfter = false
    while index < scalars.endIndex {
      let scalar = scalars[index]
      let w = TerminalText.width(of: scalar)
      if width + w > maxWidth {
        text += "…"
        cutAfter = true
        break
      }
      if TerminalText.isControl(scalar) && scalar != "\t" {
        TerminalText.appendEscape(of: scalar, to: &text)
      } else {
        text.unicodeScalars.append(scalar)
      }
      if position < start {
        padding += scalar == "\t" ? "\t" : String(repeating: " ", count: w)
      } else if position < spanEnd {
        caretCount += w
      }
      width += w
      position += 1
      scalars.formIndex(after: &index)
    }
    // A span past the line's end (or on an empty line) gets one caret after it.
    if !cutAfter && position <= start {
      padding += String(repeating: " ", count: start - position)
      caretCount = min(length, 1)
    }
    self.text = text
    self.padding = padding
    self.carets = String(repeating: "^", count: caretCount)
  }

  /// Whether `scalars` is at most `maxWidth` columns wide (looking no further than that).
  private static func fits(_ scalars: Substring.UnicodeScalarView, _ maxWidth: Int) -> Bool {
    var width = 0
    for scalar in scalars {
      width += TerminalText.width(of: scalar)
      if width > maxWidth { return false }
    }
    return true
  }
}
