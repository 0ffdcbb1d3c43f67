/// Percent-encoding (RFC 3986) and `application/x-www-form-urlencoded` (WHATWG) of text.
enum PercentEncoding {
  /// `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
  static func isUnreserved(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
      || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
  }

  /// Every byte of the UTF-8 text except the unreserved ones becomes `%XX` (upper-case hex).
  static func strict(_ text: String) -> String {
    encode(text, keeping: isUnreserved)
  }

  static func encode(_ text: String, keeping keep: (UInt8) -> Bool) -> String {
    if text.utf8.allSatisfy(keep) { return text }
    var out = [UInt8]()
    out.reserveCapacity(text.utf8.count * 3)
    for b in text.utf8 {
      if keep(b) {
        out.append(b)
      } else {
        out.append(0x25)
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 0x0F)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// WHATWG form encoding: alphanumerics and `*-._` kept, space as `+`, the rest `%XX`.
  static func formEncode(_ text: String) -> String {
    let keep: (UInt8) -> Bool = { b in
      (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
        || b == 0x2A || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x20
    }
    return encode(text, keeping: keep).replacingSpaces()
  }

  /// Cookie values (RFC 6265 `cookie-octet`): controls, space, `"`, `,`, `;`, `\`, `%` and
  /// non-ASCII are encoded; everything else (`=`, `/`, `+` in tokens) stays.
  static func cookieEncode(_ text: String) -> String {
    encode(text) { b in
      b > 0x20 && b < 0x7F && b != 0x22 && b != 0x2C && b != 0x3B && b != 0x5C && b != 0x25
    }
  }

  private static let hex = Array("0123456789ABCDEF".utf8)
}

extension String {
  fileprivate func replacingSpaces() -> String {
    guard utf8.contains(0x20) else { return self }
    return String(decoding: utf8.map { $0 == 0x20 ? UInt8(ascii: "+") : $0 }, as: UTF8.self)
  }
}
