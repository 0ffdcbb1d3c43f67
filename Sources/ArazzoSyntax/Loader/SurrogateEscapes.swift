/// Rewrites JSON's UTF-16 surrogate-pair escapes (`\uD83D\uDCA9`) into the single-code-point
/// form libyaml accepts (`\U0001F4A9`).
///
/// libyaml rejects each half of a pair as an invalid code point, yet JSON needs pairs for
/// anything beyond the Basic Multilingual Plane. The loader retries with this rewrite only after
/// libyaml failed on such an escape, so ordinary input is never touched. Each rewrite is two
/// scalars shorter, so columns after it on the same line read 2 less than in the file.
enum SurrogateEscapes {
  /// The rewritten bytes, or nil when `bytes` holds no surrogate-pair escape.
  static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    var out: [UInt8] = []
    var changed = false
    var i = 0
    let n = bytes.count
    var backslashes = 0
    out.reserveCapacity(n)
    while i < n {
      let b = bytes[i]
      if b == UInt8(ascii: "\\"), backslashes % 2 == 0, i + 12 <= n,
        bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 6] == UInt8(ascii: "\\"),
        bytes[i + 7] == UInt8(ascii: "u"),
        let high = hex4(bytes, i + 2), (0xD800...0xDBFF).contains(high),
        let low = hex4(bytes, i + 8), (0xDC00...0xDFFF).contains(low)
      {
        let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        let digits = String(scalar, radix: 16, uppercase: true)
        out += Array("\\U".utf8) + Array(repeating: UInt8(ascii: "0"), count: 8 - digits.count)
        out += Array(digits.utf8)
        changed = true
        backslashes = 0
        i += 12
        continue
      }
      backslashes = b == UInt8(ascii: "\\") ? backslashes + 1 : 0
      out.append(b)
      i += 1
    }
    return changed ? out : nil
  }

  private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
    var value = 0
    for k in at..<(at + 4) {
      guard let digit = Character(Unicode.Scalar(bytes[k])).hexDigitValue else { return nil }
      value = value * 16 + digit
    }
    return value
  }
}
