/// The prompt as libedit wants it: every ANSI escape sequence (`ESC [ … final`, as in colours)
/// enclosed in `PromptMarkup.ignore` characters, so libedit prints it but counts no columns for
/// it and keeps the cursor where the text really is.
enum PromptMarkup {
  /// The character enclosing non-printing bytes (`EL_PROMPT_ESC`'s delimiter).
  static let ignore: UInt8 = 1

  /// `prompt` with its escape sequences marked; unchanged when it has none.
  static func marked(_ prompt: String) -> String {
    let bytes = Array(prompt.utf8)
    guard bytes.contains(0x1B) else { return prompt }
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      guard bytes[i] == 0x1B else {
        out.append(bytes[i])
        i += 1
        continue
      }
      var end = i + 1
      if end < bytes.count, bytes[end] == UInt8(ascii: "[") {
        end += 1
        while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
      }
      end = min(end + 1, bytes.count)
      out.append(ignore)
      out.append(contentsOf: bytes[i..<end])
      out.append(ignore)
      i = end
    }
    return String(decoding: out, as: UTF8.self)
  }
}
