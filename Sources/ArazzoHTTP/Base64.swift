/// Standard base64 (RFC 4648 section 4), for HAR bodies and proxy credentials.
enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 2 < bytes.count {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      for shift in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(shift)) & 63)]) }
      i += 3
    }
    let rest = bytes.count - i
    if rest > 0 {
      var n = UInt32(bytes[i]) << 16
      if rest == 2 { n |= UInt32(bytes[i + 1]) << 8 }
      out.append(alphabet[Int((n >> 18) & 63)])
      out.append(alphabet[Int((n >> 12) & 63)])
      out.append(rest == 2 ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
      out.append(UInt8(ascii: "="))
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func decode(_ text: String) -> [UInt8]? {
    var values: [UInt8] = []
    for c in text.utf8 {
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(c - 65)
      case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(c - 97 + 26)
      case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(c - 48 + 52)
      case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
      case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
      case UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
      default: return nil
      }
    }
    if values.count % 4 == 1 { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < values.count {
      let chunk = values[i..<min(i + 4, values.count)]
      var n: UInt32 = 0
      for (k, v) in chunk.enumerated() { n |= UInt32(v) << UInt32(18 - 6 * k) }
      out.append(UInt8((n >> 16) & 255))
      if chunk.count > 2 { out.append(UInt8((n >> 8) & 255)) }
      if chunk.count > 3 { out.append(UInt8(n & 255)) }
      i += 4
    }
    return out
  }
}
